"""The Qt-free core of 法治政府建设示范创建自评系统 (fazhi).

Everything here is usable from the command line, from tests and from the window alike; nothing in this
package may import PySide6 (a test enforces it).
"""

__version__ = "0.1.0"
