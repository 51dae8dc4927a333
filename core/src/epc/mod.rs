//! EPC069-12 payloads (SEPA credit transfer QR codes): build, parse, render.
