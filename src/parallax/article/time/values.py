"""Calendar periods and their TimeML values.

A ``Period`` is a stretch of the calendar at one granularity (a day, an ISO
week, a quarter, a season, a decade...), kept as its first day. Shifting a
period moves it by whole units and keeps its granularity, so "a year
earlier" than 1989-Q3 is 1988-Q3, and the value string is written the way
TimeBank writes it (1989-10-26, 1989-W43, 1989-Q3, 1989-SU, 198, 19).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

GRANULARITIES = ("time", "part", "day", "weekend", "week", "month", "season", "quarter", "half", "year", "decade", "century")
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


@dataclass(frozen=True)
class Period:
    gran: str
    start: date
    clock: str | None = None  # "22:00" for a time, "MO"/"AF"/"EV"/"NI" for a part of the day
    season: str | None = None  # "SP"/"SU"/"FA"/"WI"

    @property
    def value(self) -> str:
        d = self.start
        if self.gran in ("time", "part"):
            return f"{d.isoformat()}T{self.clock}"
        if self.gran == "day":
            return d.isoformat()
        if self.gran in ("week", "weekend"):
            year, week, _ = d.isocalendar()
            return f"{year:04d}-W{week:02d}" + ("-WE" if self.gran == "weekend" else "")
        if self.gran == "month":
            return f"{d.year:04d}-{d.month:02d}"
        if self.gran == "season":
            return f"{d.year:04d}-{self.season}"
        if self.gran == "quarter":
            return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
        if self.gran == "half":
            return f"{d.year:04d}-H{(d.month - 1) // 6 + 1}"
        if self.gran == "year":
            return f"{d.year:04d}"
        if self.gran == "decade":
            return f"{d.year // 10:03d}"
        return f"{d.year // 100:02d}"

    @property
    def day(self) -> date | None:
        """The calendar day, when the period is one day or finer."""
        return self.start if self.gran in ("day", "time", "part") else None

    def end(self) -> date:
        """The period's last day."""
        if self.gran == "season":
            return self.start + relativedelta(months=3) - timedelta(days=1)
        return self.shift(1).start - timedelta(days=1)

    def shift(self, n: int, unit: str | None = None) -> "Period":
        """Move by ``n`` units (default: the period's own granularity), keeping the granularity."""
        unit = unit or self.gran
        if unit in ("time", "part"):
            unit = "day"
        if unit == "season":
            unit, n = "year", n  # the same season, n years on
        step = {
            "day": relativedelta(days=n), "week": relativedelta(weeks=n), "weekend": relativedelta(weeks=n),
            "month": relativedelta(months=n), "quarter": relativedelta(months=3 * n), "half": relativedelta(months=6 * n),
            "year": relativedelta(years=n), "decade": relativedelta(years=10 * n), "century": relativedelta(years=100 * n),
        }[unit]
        return snap(replace(self, start=self.start + step))

    def coarsen(self, gran: str) -> "Period":
        return snap(replace(self, gran=gran, clock=None if gran not in ("time", "part") else self.clock))


def snap(period: Period) -> Period:
    """Put ``start`` on the first day of the period's granularity."""
    d, gran = period.start, period.gran
    if gran in ("week", "weekend"):
        d = d - timedelta(days=d.weekday())
        if gran == "weekend":
            d = d + timedelta(days=5)
    elif gran == "month":
        d = d.replace(day=1)
    elif gran == "season":
        d = date(d.year, SEASON_START[period.season], 1)
    elif gran == "quarter":
        d = date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)
    elif gran == "half":
        d = date(d.year, 1 if d.month <= 6 else 7, 1)
    elif gran == "year":
        d = date(d.year, 1, 1)
    elif gran == "decade":
        d = date(d.year - d.year % 10 or 1, 1, 1)
    elif gran == "century":
        d = date(d.year - d.year % 100 or 1, 1, 1)
    return replace(period, start=d)


def period(gran: str, day: date, clock: str | None = None, season: str | None = None) -> Period:
    return snap(Period(gran, day, clock, season))


def duration(amount: float | None, unit_code: str, clock_unit: bool) -> str:
    """TimeML duration value: P3D, PT2H, P2Y6M, PXY (vague amount)."""
    prefix = "PT" if clock_unit else "P"
    if amount is None:
        return f"{prefix}X{unit_code}"
    if unit_code == "DE":
        unit_code, amount = "Y", amount * 10
    elif unit_code == "CE":
        unit_code, amount = "Y", amount * 100
    elif unit_code == "ML":
        unit_code, amount = "Y", amount * 1000
    elif unit_code == "WE":
        unit_code = "WE"
    if amount != int(amount):
        whole, frac = int(amount), amount - int(amount)
        smaller = {"Y": ("M", 12), "M": ("D", 30) if not clock_unit else ("S", 60), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60)}
        if unit_code in smaller:
            code, factor = smaller[unit_code]
            if unit_code == "D":
                return f"P{whole}DT{round(frac * factor)}H" if whole else f"PT{round(frac * factor)}H"
            if unit_code == "H":
                return f"PT{whole}H{round(frac * factor)}M" if whole else f"PT{round(frac * factor)}M"
            return f"{prefix}{whole}{unit_code}{round(frac * factor)}{code}" if whole else f"{prefix}{round(frac * factor)}{code}"
    return f"{prefix}{int(amount)}{unit_code}"
