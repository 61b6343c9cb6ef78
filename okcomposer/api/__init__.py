"""OK API: signing, HTTP client, OAuth, method wrappers, error types, the post model."""
