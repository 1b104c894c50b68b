#!/usr/bin/env python3
"""Click at X Y on the X display $DISPLAY through the XTEST extension (ctypes,
no extra packages): a finger on the kiosk for the X11 tests.

  xclick.py X Y
"""
import ctypes
import sys

x11 = ctypes.CDLL("libX11.so.6")
xtst = ctypes.CDLL("libXtst.so.6")
x11.XOpenDisplay.restype = ctypes.c_void_p
display = x11.XOpenDisplay(None)
if not display:
    sys.exit("xclick.py: cannot open the display")
d = ctypes.c_void_p(display)
x, y = int(sys.argv[1]), int(sys.argv[2])
xtst.XTestFakeMotionEvent(d, -1, x, y, 0)
xtst.XTestFakeButtonEvent(d, 1, 1, 0)   # press
xtst.XTestFakeButtonEvent(d, 1, 0, 50)  # release 50 ms later
x11.XSync(d, 0)
x11.XCloseDisplay(d)
