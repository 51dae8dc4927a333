"""Links into Digiteal's web application (``kassa.digiteal.links``): registration pages and the QR
generator. Keyword arguments are the link's wire names; nothing is sent. Each returns ``{"url"}``."""

from kassa.types import LinkUrl

__all__ = ["company_registration", "person_registration", "qr_generator"]

def company_registration(
    *,
    email: str | None = None,
    vatNumber: str | None = None,
    integratorID: int | str | None = None,
    companyName: str | None = None,
    forBusiness: bool | None = None,
    environment: str | None = None,
    base_url: str | None = None,
) -> LinkUrl:
    """``{app}/#/register/{email}/?vatNumber=&integratorID=&companyName=&forBusiness=``."""

def person_registration(
    *,
    email: str | None = None,
    firstName: str | None = None,
    lastName: str | None = None,
    integratorID: int | str | None = None,
    environment: str | None = None,
    base_url: str | None = None,
) -> LinkUrl:
    """``{app}/#/register/{email}/?firstName=&lastName=&integratorID=``."""

def qr_generator(
    *,
    creditorName: str | None = None,
    bic: str | None = None,
    iban: str | None = None,
    amount: str | None = None,
    amountInCents: int | None = None,
    creditorReference: str | None = None,
    remittanceInfo: str | None = None,
    email: str | None = None,
    purpose: str | None = None,
    purposeName: str | None = None,
    info: str | None = None,
    dueDate: str | None = None,
    language: str | None = None,
    format: str | None = None,
    environment: str | None = None,
    base_url: str | None = None,
) -> LinkUrl:
    """``{app}/#/qr-generator?creditorName=&bic=&iban=&amount=...``: ``amount`` a decimal string
    or ``amountInCents``."""
