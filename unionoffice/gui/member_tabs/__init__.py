"""Extra tabs of the member form: each module has ORDER, TAB_TITLE (N_ msgid) and create_tab(ctx, member_id)."""
