"""`python -m scusa_lint`: the same entry point as the `scusa-lint` console script."""

from scusa_lint.cli import main

if __name__ == "__main__":
    main()
