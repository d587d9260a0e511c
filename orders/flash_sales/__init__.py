"""Flash sales: a variant sold at a reduced points price, for a set time, up to a set quantity, with a limit per
member (issue 20 part 3, issue 23). Their own module so checkout pricing has one call site
(`orders.flash_sales.pricing.flash_prices`), beside the promotions and vouchers built elsewhere."""
