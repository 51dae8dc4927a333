//! Payment identifiers: IBAN, BIC, Belgian OGM/VCS, ISO 11649 RF, Belgian enterprise/VAT numbers, PEPPOL ids.
