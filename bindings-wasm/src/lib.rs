//! kassa for the browser.
