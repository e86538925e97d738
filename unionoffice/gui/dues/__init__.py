"""The dues ledger page (会费), its batch entry dialog and the spending overview (经费)."""
