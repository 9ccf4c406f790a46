"""Corpus mode: ingest a news stream, store it, group articles into stories."""
