"""python -m parallax: the same command line as the parallax script."""

from parallax.cli import main

if __name__ == "__main__":
    main()
