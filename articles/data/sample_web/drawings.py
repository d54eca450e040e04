"""The sample archive's pictures, drawn here with a few shapes so that none is taken
from elsewhere: the plain around Aghdam, a schematic map of the districts around
Nagorno-Karabakh, and the mountains of Kalbajar. Each function returns PNG bytes
and draws the same picture every time."""

import io
import math

from PIL import Image, ImageDraw, ImageFont

SKY = (214, 226, 236)
WIDTH, HEIGHT = 960, 540


def png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def aghdam_plain() -> bytes:
    """A flat plain of fields under a wide sky, poplars, and a mosque with two
    minarets on the horizon."""
    image = Image.new("RGB", (WIDTH, HEIGHT), SKY)
    draw = ImageDraw.Draw(image)
    horizon = 330
    draw.rectangle([0, horizon, WIDTH, HEIGHT], fill=(176, 160, 112))
    # Fields in bands that widen towards the viewer.
    shades = [(190, 172, 118), (160, 150, 96), (198, 184, 132), (150, 140, 90)]
    for band in range(8):
        top = horizon + int(210 * (band / 8) ** 1.6)
        bottom = horizon + int(210 * ((band + 1) / 8) ** 1.6)
        draw.rectangle([0, top, WIDTH, bottom], fill=shades[band % len(shades)])
    # Distant low hills.
    draw.polygon(
        [(0, horizon), (180, 300), (420, 318), (700, 296), (960, 312), (960, horizon)],
        fill=(150, 160, 150),
    )
    # The mosque: a hall, a dome and two minarets.
    base, centre = horizon, 610
    draw.rectangle([centre - 60, base - 44, centre + 60, base], fill=(196, 180, 150))
    draw.pieslice([centre - 34, base - 78, centre + 34, base - 10], 180, 360, fill=(186, 170, 140))
    for x in (centre - 78, centre + 70):
        draw.rectangle([x, base - 120, x + 8, base], fill=(200, 184, 154))
        draw.polygon(
            [(x - 2, base - 120), (x + 4, base - 136), (x + 10, base - 120)], fill=(170, 150, 120)
        )
    # Roofless walls of houses near the mosque.
    for x, width in ((720, 46), (790, 30), (840, 52), (470, 36)):
        draw.rectangle([x, base - 22, x + width, base], fill=(170, 150, 120))
        draw.rectangle([x + 8, base - 14, x + width - 8, base], fill=(150, 160, 150))
    # Poplars along a field edge.
    for index in range(9):
        x = 60 + index * 44
        draw.ellipse([x - 9, 250, x + 9, 340], fill=(70, 110, 70))
        draw.line([(x, 330), (x, 346)], fill=(90, 70, 50), width=3)
    return png(image)


# The districts as simple polygons in their rough places: Armenia to the west,
# the Araz river and Iran to the south. Not to scale.
DISTRICTS = {
    "Kalbajar": [(170, 50), (560, 40), (600, 150), (470, 190), (350, 210), (170, 230)],
    "Lachin": [(170, 230), (350, 210), (470, 190), (420, 250), (400, 390), (170, 380)],
    "Qubadli": [(170, 380), (400, 390), (410, 470), (260, 480), (170, 470)],
    "Zangilan": [(170, 470), (260, 480), (300, 610), (170, 620)],
    "Jabrayil": [(260, 480), (410, 470), (470, 490), (500, 600), (300, 610)],
    "Fuzuli": [(470, 490), (690, 470), (720, 590), (500, 600)],
    "Aghdam": [(760, 160), (900, 150), (920, 420), (800, 450), (780, 300)],
}
REGION = [
    (470, 190),
    (600, 150),
    (760, 160),
    (780, 300),
    (800, 450),
    (690, 470),
    (470, 490),
    (410, 470),
    (400, 390),
    (420, 250),
]
TOWNS = {"Stepanakert": (640, 300), "Shusha": (590, 345)}
DISTRICT_FILLS = [(198, 214, 180), (214, 200, 170), (190, 200, 214), (220, 206, 190)]


def districts_map() -> bytes:
    """A schematic map: Nagorno-Karabakh in the middle, the seven districts around it."""
    image = Image.new("RGB", (WIDTH, 720), (236, 232, 220))
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=22)
    small = ImageFont.load_default(size=18)
    draw.rectangle([0, 0, 150, 720], fill=(222, 222, 222))
    draw.text((20, 30), "Armenia", font=font, fill=(90, 90, 90))
    # The Araz river along the southern border.
    river = [(x, 640 + round(10 * math.sin(x / 40))) for x in range(150, WIDTH + 1, 10)]
    draw.line(river, fill=(90, 140, 200), width=8, joint="curve")
    draw.text((560, 670), "Araz", font=small, fill=(60, 100, 160))
    draw.text((20, 670), "Iran", font=font, fill=(90, 90, 90))
    draw.text((930, 560), "Azerbaijan", font=font, fill=(90, 90, 90), anchor="rm")
    draw.text((940, 700), "Schematic, not to scale", font=small, fill=(110, 110, 110), anchor="rb")
    for index, (name, shape) in enumerate(DISTRICTS.items()):
        draw.polygon(
            shape, fill=DISTRICT_FILLS[index % len(DISTRICT_FILLS)], outline=(120, 110, 90)
        )
        x = sum(p[0] for p in shape) / len(shape)
        y = sum(p[1] for p in shape) / len(shape)
        draw.text((x, y), name, font=font, fill=(50, 50, 40), anchor="mm")
    draw.polygon(REGION, fill=(240, 220, 170), outline=(150, 110, 60), width=3)
    draw.text((600, 225), "Nagorno-Karabakh", font=font, fill=(110, 70, 30), anchor="mm")
    for name, (x, y) in TOWNS.items():
        draw.ellipse([x - 6, y - 6, x + 6, y + 6], fill=(60, 50, 40))
        draw.text((x + 12, y), name, font=small, fill=(60, 50, 40), anchor="lm")
    # The corridor: the road from Armenia across Lachin district.
    draw.line(
        [(150, 320), (250, 330), (330, 300), (420, 320), (590, 345), (640, 300)],
        fill=(170, 60, 50),
        width=5,
        joint="curve",
    )
    return png(image)


def kalbajar_mountains() -> bytes:
    """Ranges of snow-capped mountains, a valley with a river, and a road that
    climbs in bends towards a pass."""
    image = Image.new("RGB", (WIDTH, HEIGHT), (200, 216, 232))
    draw = ImageDraw.Draw(image)
    far = [(-40, 560), (120, 190), (260, 250), (420, 120), (600, 230), (760, 150), (1000, 560)]
    middle = [(-40, 560), (200, 260), (380, 330), (560, 240), (820, 320), (1000, 270)]
    near = [(-40, 560), (120, 380), (330, 420), (520, 360), (760, 430), (1000, 380)]
    ranges = [
        (230, far, (120, 130, 150)),
        (300, [*middle, (1000, 560)], (90, 120, 100)),
        (380, [*near, (1000, 560)], (80, 110, 80)),
    ]
    for snow_line, outline, colour in ranges:
        draw.polygon(outline, fill=colour)
        for (x0, y0), (x1, y1), (x2, y2) in zip(outline, outline[1:], outline[2:], strict=False):
            if y1 < y0 and y1 < y2 and y1 < snow_line - 60:
                # A cap of snow on each peak high enough to hold it.
                depth = 40
                left = x1 - (x1 - x0) * depth / (y0 - y1)
                right = x1 + (x2 - x1) * depth / (y2 - y1)
                draw.polygon(
                    [(left, y1 + depth), (x1, y1), (right, y1 + depth)], fill=(246, 248, 250)
                )
    # The river in the valley floor.
    draw.line(
        [(0, 520), (240, 500), (480, 512), (720, 494), (960, 506)],
        fill=(110, 160, 210),
        width=10,
        joint="curve",
    )
    # The road, in bends up the slope.
    road = [(700, 540), (520, 480), (640, 440), (500, 400), (600, 368), (520, 340)]
    draw.line(road, fill=(150, 140, 125), width=9, joint="curve")
    return png(image)
