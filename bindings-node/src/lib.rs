//! kassa for Node.
