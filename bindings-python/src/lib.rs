//! kassa for Python.
