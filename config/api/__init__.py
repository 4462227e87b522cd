"""What every resource of the API shares: errors, pagination, parameter checks, schema."""
