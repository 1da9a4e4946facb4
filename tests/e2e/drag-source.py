"""A small GTK window that a file can be dragged from, as from a file manager.

The end-to-end suite drags from it onto Pacta's window with xdotool, so a
drop goes through X's real drag-and-drop protocol (XDND), not a simulation.
Usage: /usr/bin/python3 drag-source.py FILE X Y   (needs python3-gi, GTK 3)
"""

import pathlib
import sys

import gi

gi.require_version("Gdk", "3.0")
gi.require_version("Gtk", "3.0")
from gi.repository import Gdk, Gtk  # noqa: E402

path, x, y = pathlib.Path(sys.argv[1]).resolve(), int(sys.argv[2]), int(sys.argv[3])

window = Gtk.Window(title="Pacta drag source")
window.set_default_size(60, 60)
window.move(x, y)
box = Gtk.EventBox()
box.add(Gtk.Label(label=path.name))
box.drag_source_set(Gdk.ModifierType.BUTTON1_MASK, [], Gdk.DragAction.COPY)
box.drag_source_add_uri_targets()
box.connect("drag-data-get", lambda _w, _ctx, data, _info, _time: data.set_uris([path.as_uri()]))
window.add(box)
window.connect("destroy", Gtk.main_quit)
window.show_all()
Gtk.main()
