#!/usr/bin/env python3
"""Click at X Y on the X display $DISPLAY through the XTEST extension (ctypes,
no extra packages): a finger on the kiosk for the X11 tests."""
import ctypes, sys, time
x11 = ctypes.CDLL("libX11.so.6")
xt = ctypes.CDLL("libXtst.so.6")
x11.XOpenDisplay.restype = ctypes.c_void_p
d = x11.XOpenDisplay(None)
if not d:
    sys.exit("no display")
dp = ctypes.c_void_p(d)
x, y = int(sys.argv[1]), int(sys.argv[2])
xt.XTestFakeMotionEvent(dp, -1, x, y, 0)
xt.XTestFakeButtonEvent(dp, 1, 1, 0)
xt.XTestFakeButtonEvent(dp, 1, 0, 50)
x11.XFlush(dp)
x11.XSync(dp, 0)
x11.XCloseDisplay(dp)
