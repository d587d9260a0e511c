"""Saleor's API for what a points mall does not have through it (models, menus, uploads, exports): the types
exist and answer truthfully (the one page type, the category menus, refusals with an error code)."""
