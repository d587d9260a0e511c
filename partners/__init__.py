"""Partner merchants, their contract terms and partner staff. What the operator owes them each period is
settled by settlement/partner."""
