"""What is kept: drafts, the history of publishes, templates and snippets, and bulk import from a file."""
