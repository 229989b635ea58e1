"""私域掌柜 Siyu Zhanggui: private-domain customer operations for a one-person online shop."""

__version__ = "0.1.0"
APP_NAME = "SiyuZhanggui"
APP_DISPLAY_NAME = "私域掌柜"
ORG_NAME = "Siyu"
