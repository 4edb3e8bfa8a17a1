"""Page contents and callback logic as plain functions (the pages only wire them up)."""
