"""zh data: dates ("2023年11月8日 15:35", "3小时前", "昨天 18:00")."""

from quotidien.lang.dates import COMMON_ZONES, DateWords

_MINUTE, _HOUR, _DAY = 60, 3600, 86400

WORDS = DateWords(
    weekdays={
        "星期一": 0,
        "星期二": 1,
        "星期三": 2,
        "星期四": 3,
        "星期五": 4,
        "星期六": 5,
        "星期日": 6,
        "星期天": 6,
        "周一": 0,
        "周二": 1,
        "周三": 2,
        "周四": 3,
        "周五": 4,
        "周六": 5,
        "周日": 6,
    },
    units={"秒": 1, "分钟": _MINUTE, "小时": _HOUR, "天": _DAY, "周": 7 * _DAY},
    days_back={"今天": 0, "昨天": 1, "前天": 2},
    now=("刚刚",),
    day_first=False,  # 2023/11/08, 11/08
    year_month_day_marks=("年", "月", "日"),
    zones={**COMMON_ZONES, "北京时间": "Asia/Shanghai"},
)
