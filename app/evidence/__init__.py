"""Evidence: attach and withdraw, the content checks of files, the scope rule."""
