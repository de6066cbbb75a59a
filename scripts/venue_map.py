#!/usr/bin/env python3
"""Draws the venue map of the bundled sample conference and its room pins.

Writes, from one table of room rectangles so the two always agree:
  assets/venue-map.png  the floor plan: three levels, rooms as labelled rectangles, corridors,
                        stairs and the main entrance (a small palette PNG, well under 200 KB);
  assets/venue-map.ron  where each room's pin goes, as fractions (0..1) of the picture's width
                        and height, keyed by the room ids of assets/sample-conference.ron.

Regenerate with `python3 scripts/venue_map.py` (needs Pillow: `pip install pillow`). The labels
use DejaVu Sans when it is installed, else Pillow's built-in font.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 1600, 1040

PAPER = (250, 249, 245)
WALL = (58, 63, 72)
CORRIDOR = (226, 228, 232)
CORRIDOR_TEXT = (120, 126, 136)
TEXT = (33, 37, 43)
SUBTEXT = (92, 99, 110)
WATER = (196, 222, 240)
WATER_TEXT = (70, 118, 160)
SERVICE = (236, 233, 226)

# Room fills by level, soft enough that the app's pins stand out on them.
LEVEL1 = (233, 240, 250)
LEVEL2 = (236, 246, 236)
LEVEL3 = (250, 243, 230)

# id, name, capacity line, (left, top, right, bottom), fill. The pin goes at the centre of the
# lower half of the rectangle, below the label.
ROOMS = [
    ("ballroom", "Grand Ballroom", "1200 seats", (70, 130, 560, 520), LEVEL1),
    ("r101", "Cedar Room (101)", "400 seats", (580, 130, 970, 330), LEVEL1),
    ("r102", "Fir Room (102)", "300 seats", (580, 350, 970, 520), LEVEL1),
    ("r103", "Hemlock Room (103)", "220 seats", (70, 610, 400, 850), LEVEL1),
    ("foyer", "Harbour Foyer", "Registration", (420, 610, 840, 900), LEVEL1),
    ("r201", "Studio 201", "60 seats", (1070, 150, 1220, 330), LEVEL2),
    ("r202", "Studio 202", "60 seats", (1235, 150, 1385, 330), LEVEL2),
    ("r203", "Studio 203", "60 seats", (1400, 150, 1550, 330), LEVEL2),
    ("lounge", "Open Space Lounge", "80 seats", (1070, 410, 1370, 590), LEVEL2),
    ("terrace", "Waterfront Terrace", "500 standing", (1070, 700, 1420, 900), LEVEL3),
]


def font(size, bold=False):
    names = ["DejaVuSans-Bold.ttf", "DejaVuSans.ttf"] if bold else ["DejaVuSans.ttf"]
    for folder in ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/Library/Fonts"]:
        for name in names:
            path = Path(folder) / name
            if path.exists():
                return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def centred(draw, xy, text, fnt, fill):
    x, y = xy
    left, top, right, bottom = draw.textbbox((0, 0), text, font=fnt)
    draw.text((x - (right - left) / 2 - left, y - (bottom - top) / 2 - top), text, font=fnt, fill=fill)


def fit_font(draw, text, width, size, bold=True):
    """The largest font up to `size` in which `text` fits `width`."""
    while size > 10:
        fnt = font(size, bold)
        left, _, right, _ = draw.textbbox((0, 0), text, font=fnt)
        if right - left <= width:
            return fnt
        size -= 1
    return font(10, bold)


def room(draw, name, detail, box, fill):
    left, top, right, bottom = box
    draw.rectangle(box, fill=fill, outline=WALL, width=4)
    label = fit_font(draw, name, right - left - 24, 24)
    mid_x = (left + right) / 2
    label_y = top + min(42, (bottom - top) * 0.22)
    centred(draw, (mid_x, label_y), name, label, TEXT)
    centred(draw, (mid_x, label_y + 28), detail, font(16), SUBTEXT)


def door(draw, x, y, horizontal, length=44):
    """A gap in a wall, painted in the corridor colour."""
    if horizontal:
        draw.rectangle((x - length / 2, y - 4, x + length / 2, y + 4), fill=CORRIDOR)
    else:
        draw.rectangle((x - 4, y - length / 2, x + 4, y + length / 2), fill=CORRIDOR)


def stairs(draw, box, label):
    left, top, right, bottom = box
    draw.rectangle(box, fill=SERVICE, outline=WALL, width=3)
    steps = 7
    for i in range(1, steps):
        x = left + (right - left) * i / steps
        draw.line((x, top + 6, x, bottom - 6), fill=SUBTEXT, width=2)
    centred(draw, ((left + right) / 2, bottom + 16), label, font(15), SUBTEXT)


def service(draw, box, label):
    draw.rectangle(box, fill=SERVICE, outline=WALL, width=3)
    centred(draw, ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2), label, font(16, True), SUBTEXT)


def level_heading(draw, x, y, text):
    draw.text((x, y), text, font=font(26, True), fill=TEXT)


def draw_map():
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)

    # Level 1: the building's ground floor, with the entrance on Harbour Street.
    level_heading(draw, 50, 40, "Level 1")
    draw.rectangle((50, 110, 990, 920), fill=CORRIDOR, outline=WALL, width=6)
    centred(draw, (520, 565), "Main corridor", font(18, True), CORRIDOR_TEXT)
    # Stairs and lifts at the corridor's east end, washrooms beside Hemlock.
    stairs(draw, (870, 610, 970, 690), "Stairs & lifts")
    service(draw, (870, 740, 970, 820), "WC")
    for name, detail, box, fill in [(r[1], r[2], r[3], r[4]) for r in ROOMS[:5]]:
        room(draw, name, detail, box, fill)
    door(draw, 315, 520, True)
    door(draw, 775, 520, True)
    door(draw, 580, 230, False)
    door(draw, 235, 610, True)
    door(draw, 630, 610, True, 90)
    # Main entrance: a wide opening in the south wall, straight into the foyer.
    door(draw, 630, 900, True, 110)
    draw.rectangle((570, 910, 690, 926), fill=PAPER)
    draw.rectangle((560, 900, 570, 930), fill=WALL)
    draw.rectangle((690, 900, 700, 930), fill=WALL)
    draw.polygon([(630, 936), (606, 966), (654, 966)], fill=WALL)
    centred(draw, (630, 990), "Main entrance", font(20, True), TEXT)
    centred(draw, (300, 990), "Harbour Street", font(18), SUBTEXT)
    draw.line((60, 1012, 980, 1012), fill=(200, 202, 206), width=3)

    # Level 2: studios along the north side, the lounge and a quiet room on the south.
    level_heading(draw, 1050, 40, "Level 2")
    draw.rectangle((1050, 110, 1570, 620), fill=CORRIDOR, outline=WALL, width=6)
    centred(draw, (1310, 368), "Studio corridor", font(18, True), CORRIDOR_TEXT)
    for name, detail, box, fill in [(r[1], r[2], r[3], r[4]) for r in ROOMS[5:9]]:
        room(draw, name, detail, box, fill)
    service(draw, (1390, 410, 1550, 490), "Quiet room")
    stairs(draw, (1450, 520, 1550, 585), "Stairs & lifts")
    for x in (1145, 1310, 1475):
        door(draw, x, 330, True, 36)
    door(draw, 1220, 410, True, 60)
    door(draw, 1470, 410, True, 30)

    # Level 3: the roof terrace over the water.
    level_heading(draw, 1050, 640, "Level 3")
    draw.rectangle((1050, 680, 1570, 920), fill=CORRIDOR, outline=WALL, width=6)
    name, detail, box, fill = ROOMS[9][1:]
    room(draw, name, detail, box, fill)
    stairs(draw, (1450, 700, 1550, 765), "Stairs & lifts")
    door(draw, 1420, 800, False, 60)
    draw.rectangle((1050, 940, 1570, 1020), fill=WATER)
    centred(draw, (1310, 980), "False Creek (waterfront)", font(18, True), WATER_TEXT)

    # North arrow.
    draw.polygon([(1540, 24), (1528, 58), (1552, 58)], fill=WALL)
    centred(draw, (1540, 74), "N", font(16, True), TEXT)
    return image


def pins():
    """Each room's pin: the centre of the lower half of its rectangle, as fractions."""
    lines = []
    for room_id, _, _, (left, top, right, bottom), _ in ROOMS:
        x = (left + right) / 2 / WIDTH
        y = (top + (bottom - top) * 0.7) / HEIGHT
        lines.append(f'        "{room_id}": ({x:.4f}, {y:.4f}),')
    return "\n".join(lines)


def main():
    image = draw_map().quantize(colors=64, dither=Image.Dither.NONE)
    image.save(ROOT / "assets/venue-map.png", optimize=True)
    ron = f"""// Room pins for assets/venue-map.png, the bundled sample conference's venue map.
// Generated by scripts/venue_map.py together with the picture: edit the script, not this file.
// Pins are fractions of the picture's width (x) and height (y), from its top-left corner,
// keyed by the room ids of assets/sample-conference.ron.
(
    conference: "cascadia-py-2027",
    width: {WIDTH},
    height: {HEIGHT},
    pins: {{
{pins()}
    }},
)
"""
    (ROOT / "assets/venue-map.ron").write_text(ron)


if __name__ == "__main__":
    main()
