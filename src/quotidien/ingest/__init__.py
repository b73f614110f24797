"""Readers: turn inputs (files, folders, stdin, URLs, archives) into `Page`s."""
