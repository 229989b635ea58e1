"""Membership: tiers, the points ledger, stored value (购物金), coupon plans, members and statements.

Definitions are in metrics.md "Membership". Every public call is one unit of work on a Store and
returns frozen dataclasses; the importer calls `hooks.after_import` / `hooks.after_undo` inside the
batch's own transaction.
"""
