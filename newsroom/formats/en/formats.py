"""English dates in the archive's house style: day, month, year ("25 November 2020").

Templates only name the format (``|date:"DATE_FORMAT"``), so French and any
later language get their own order and month names from Django.
"""

DATE_FORMAT = "j F Y"  # 25 November 2020
DATETIME_FORMAT = "j F Y, H:i"  # 25 November 2020, 14:05
YEAR_MONTH_FORMAT = "F Y"  # November 2020
MONTH_DAY_FORMAT = "j F"  # 25 November
SHORT_DATE_FORMAT = "j M Y"  # 25 Nov 2020
SHORT_DATETIME_FORMAT = "j M Y, H:i"
