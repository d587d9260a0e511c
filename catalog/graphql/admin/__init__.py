"""The catalogue's back office under Saleor's names: what the stock Saleor Dashboard sends for products,
product types, attributes, warehouses and translations (issue 17)."""
