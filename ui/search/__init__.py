"""Full-text search in the window: 查看 › 全文搜索 (Ctrl+F), over every evidence page of the project."""
