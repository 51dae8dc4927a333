"""The pure functions, as modules: ``kassa.epc.build(...)``, ``kassa.iban.validate(s)``,
``kassa.identity.finish(reference, evidence)``, ...

None is written per function: the modules and their functions are derived from the core's list
(``_kassa.function_names()``, ids ``namespace.function``), and every call goes through the one
native entry point ``_kassa.call_function(name, args, kwargs)``, where the core binds the
arguments, checks them and computes. A function added to the core appears here by itself; its
types live in the stub ``kassa/<namespace>.pyi`` (a test fails until it is there).
"""

from __future__ import annotations

import sys
import types
from typing import Any, Callable, Dict, List

from kassa import _kassa

__all__ = ["call_function", "function_names", "install"]

call_function = _kassa.call_function
function_names = _kassa.function_names

_DOCS = {
    "epc": "EPC (SEPA credit transfer) QR payloads: build, parse, render as SVG or PNG.",
    "ogm": "Belgian structured communications (OGM/VCS, ``+++123/4567/89002+++``).",
    "rf": "ISO 11649 creditor references (``RF18 5390 0754 7034``).",
    "iban": "IBANs: validate (to the compact form) and format (groups of four).",
    "bic": "BICs (SWIFT codes).",
    "be": "Belgian enterprise and VAT numbers.",
    "peppol": "Peppol participant identifiers.",
    "billit": "Billit's pure functions: the identification redirect and webhook signatures.",
    "solaris": "Solaris's pure functions: webhook signatures.",
    "identity": "The provider-neutral identification flow, sans-IO (the clients' ``identity`` does the IO).",
}


def _function(module: str, short: str, name: str) -> Callable[..., Any]:
    def function(*args: Any, **kwargs: Any) -> Any:
        return _kassa.call_function(name, args, kwargs)

    function.__name__ = function.__qualname__ = short
    function.__module__ = module
    function.__doc__ = (
        f"kassa function ``{name}``: arguments are checked by the core (see the types in "
        f"``kassa/{module.rsplit('.', 1)[-1]}.pyi``); errors are :class:`kassa.KassaError` subclasses."
    )
    return function


def install(package: types.ModuleType) -> Dict[str, types.ModuleType]:
    """Creates the module ``kassa.<namespace>`` of every namespace of the core's functions, registers
    it in ``sys.modules`` (so ``from kassa.epc import build`` works) and as an attribute of
    ``package``. Refuses a namespace that would hide another attribute of the package."""
    modules: Dict[str, types.ModuleType] = {}
    for name in _kassa.function_names():
        namespace, short = name.split(".", 1)
        module = modules.get(namespace)
        if module is None:
            qualified = f"{package.__name__}.{namespace}"
            existing = getattr(package, namespace, None)
            if existing is not None and sys.modules.get(qualified) is not existing:
                raise RuntimeError(f"kassa: function namespace {namespace!r} clashes with an attribute")
            module = types.ModuleType(qualified, _DOCS.get(namespace, f"kassa functions ``{namespace}.*``."))
            setattr(module, "__all__", [])
            modules[namespace] = module
        setattr(module, short, _function(module.__name__, short, name))
        exported: List[str] = getattr(module, "__all__")
        exported.append(short)
    for namespace, module in modules.items():
        sys.modules[module.__name__] = module
        setattr(package, namespace, module)
    return modules
