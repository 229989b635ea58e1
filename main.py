"""私域掌柜: `python main.py` opens the window; `python main.py VERB ...` runs a command line verb."""

import sys


def run() -> int:
    argv = sys.argv[1:]
    if argv and not argv[0].startswith("-") or any(a in ("-h", "--help", "--version") for a in argv):
        from app.cli import main

        return main(argv)
    from app.bootstrap import run_window

    return run_window(argv)


if __name__ == "__main__":
    sys.exit(run())
