"""Digiteal's pure functions (no request sent): ``kassa.digiteal.pay_buttons.*`` and
``kassa.digiteal.links.*``. Keyword arguments use Digiteal's wire names, plus ``environment``
(``production``, ``test``, ``sandbox``) and ``base_url`` (the web application's host)."""

from kassa.digiteal import links as links
from kassa.digiteal import pay_buttons as pay_buttons

__all__ = ["pay_buttons", "links"]
