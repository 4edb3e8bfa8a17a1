"""The impact dashboard: a Dash Pages app over an impact store (``create_app``)."""
