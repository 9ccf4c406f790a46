"""The web app: FastAPI over the same store and pipeline."""
