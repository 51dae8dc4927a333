"""Digiteal pay buttons (``kassa.digiteal.pay_buttons``): the image URL, the execution URL and the
HTML snippet ``<a href="{executeUrl}"><img src="{imageUrl}"></a>``; ``url`` is the one asked for.
Keyword arguments are the query's wire names; nothing is sent."""

from kassa.types import DigitealVatNumber, PayButtonLinks

__all__ = ["image_url", "execute_url", "b2b_image_url", "b2b_execute_url"]

def image_url(
    *,
    requesterVAT: str | None = None,
    invoiceUUID: str | None = None,
    trustedPaymentUUID: str | None = None,
    amountInCents: int | None = None,
    minAmountInCents: int | None = None,
    maxAmountInCents: int | None = None,
    suggestedAmountInCents: int | None = None,
    iban: str | None = None,
    language: str | None = None,
    creditorReference: str | None = None,
    remittanceInfo: str | None = None,
    customerInternalId: str | None = None,
    customerEMail: str | None = None,
    multiple: bool | None = None,
    direct: bool | None = None,
    confirmationURL: str | None = None,
    errorURL: str | None = None,
    cancelURL: str | None = None,
    type: str | None = None,
    environment: str | None = None,
    base_url: str | None = None,
) -> PayButtonLinks:
    """The pay button (``/api/v1/payment-request/pay-button``): ``requesterVAT`` is required;
    ``invoiceUUID``, or ``iban`` with ``creditorReference`` / ``remittanceInfo``."""

def execute_url(
    *,
    requesterVAT: str | None = None,
    invoiceUUID: str | None = None,
    trustedPaymentUUID: str | None = None,
    amountInCents: int | None = None,
    minAmountInCents: int | None = None,
    maxAmountInCents: int | None = None,
    suggestedAmountInCents: int | None = None,
    iban: str | None = None,
    language: str | None = None,
    creditorReference: str | None = None,
    remittanceInfo: str | None = None,
    customerInternalId: str | None = None,
    customerEMail: str | None = None,
    multiple: bool | None = None,
    direct: bool | None = None,
    confirmationURL: str | None = None,
    errorURL: str | None = None,
    cancelURL: str | None = None,
    type: str | None = None,
    environment: str | None = None,
    base_url: str | None = None,
) -> PayButtonLinks:
    """Like :func:`image_url`; ``url`` is the execution link (``.../pay-button/execute``)."""

def b2b_image_url(
    *,
    creditorVAT: str | DigitealVatNumber | None = None,
    creditorName: str | None = None,
    debtorVAT: str | DigitealVatNumber | None = None,
    creditorReference: str | None = None,
    remittanceInfo: str | None = None,
    creditorEmail: str | None = None,
    creditorIBAN: str | None = None,
    amountInCents: int | None = None,
    currency: str | None = None,
    language: str | None = None,
    confirmationURL: str | None = None,
    errorURL: str | None = None,
    cancelURL: str | None = None,
    environment: str | None = None,
    base_url: str | None = None,
) -> PayButtonLinks:
    """The B2B pay button (``/api/v1/payment-request/b2b-pay-button``); a plain VAT string
    becomes ``representation``."""

def b2b_execute_url(
    *,
    creditorVAT: str | DigitealVatNumber | None = None,
    creditorName: str | None = None,
    debtorVAT: str | DigitealVatNumber | None = None,
    creditorReference: str | None = None,
    remittanceInfo: str | None = None,
    creditorEmail: str | None = None,
    creditorIBAN: str | None = None,
    amountInCents: int | None = None,
    currency: str | None = None,
    language: str | None = None,
    confirmationURL: str | None = None,
    errorURL: str | None = None,
    cancelURL: str | None = None,
    environment: str | None = None,
    base_url: str | None = None,
) -> PayButtonLinks:
    """Like :func:`b2b_image_url`; ``url`` is the execution link."""
