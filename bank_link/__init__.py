"""The bank link: issuers, the member roster and points feeds, bank single sign-on, the issuer's liability
report. What the bank owes each period is settled by settlement/issuer."""
