"""The demo's union events: the kinds of event and the plan of two years."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from datetime import time as dt_time

from stationapp.demo.disputes import _months_back
from stationapp.services.welfare.season import spring_festival

# --- union events (活动报名) ---------------------------------------------------------------------

EVENT_HISTORY_DAYS = 730  # two years of events
EVENT_HORIZON_DAYS = 45  # and the calendar of the next six weeks
GAP_WEEK_BACK = 3  # this many weeks ago the station ran no small event
CANCEL_SHARE = 0.05  # registrations cancelled before the event
FLAKY_SHARE = 0.2  # people who often fail to turn up
EVENT_PEOPLE = 300  # the number of people on file the demand of the events is meant for
OPEN_DAYS_AFTER_EVENT = 2  # the sign-in sheets of the last two days are not entered yet

EVENT_SERIES: dict[str, int | None] = {
    "女职工维权讲座系列": 3,
    "羽毛球比赛": None,
    "乒乓球比赛": None,
    "保龄球比赛": None,
    "掼蛋/扑克比赛": None,
    "趣味运动会": None,
    "青年职工拓展培训": None,
    "“8分钟主题交友”联谊会": None,
    "插花比赛": None,
    "三八节女职工T台秀": None,
    "送温暖": None,
    "送清凉": None,
    "读书分享会": None,
}

ACTIVITY_ROOM = "服务站活动室"
CULTURE_CENTRE = "建国门街道文化活动中心"
DONGDAN = "东单体育中心"
YOUTH_LAKE = "青年湖公园"
MIXER_AGES = (22, 40)
YOUTH_AGES = (18, 35)


@dataclass(frozen=True)
class _Kind:
    """A kind of event the station runs: its title, where, how many places, when and for whom."""

    title: str
    venues: tuple[str, ...]
    capacity: tuple[int, int]
    start: dt_time
    hours: float
    series: str | None = None
    size: str = "small"
    weekend: bool = False
    women_only: bool = False
    members_only: bool = False
    ages: tuple[int, int] | None = None
    balanced: bool = False
    popularity: tuple[float, float] = (0.45, 0.85)  # share of the places asked for; >1: waitlist
    attendance: float = 0.87
    minimum: bool = False  # held only with enough participants, decided a week before
    divisions: bool = False  # men's and women's divisions of equal size
    description: str = ""
    topics: tuple[str, ...] = ()


EVENT_KINDS: dict[str, _Kind] = {
    # 月有大活动: a big event every month
    "gala": _Kind(
        "{year}年职工新春联欢会",
        (CULTURE_CENTRE,),
        (150, 200),
        dt_time(18, 30),
        2.5,
        size="big",
        popularity=(0.2, 0.3),
        description="职工自编自演文艺节目，现场抽奖。节目报名请联系服务站。",
    ),
    "warmth": _Kind(
        "{year}年春节送温暖慰问品发放",
        (ACTIVITY_ROOM,),
        (150, 200),
        dt_time(9, 0),
        8,
        series="送温暖",
        size="big",
        members_only=True,
        popularity=(0.2, 0.3),
        attendance=0.95,
        description="为工会会员发放春节慰问品，每人限领一份；请携带身份证或京卡到服务站领取。",
    ),
    "lantern": _Kind(
        "元宵节职工游园猜灯谜",
        (CULTURE_CENTRE,),
        (100, 150),
        dt_time(18, 30),
        2.5,
        size="big",
        popularity=(0.2, 0.3),
        description="猜灯谜、套圈、包元宵，猜中有奖。",
    ),
    "tshow": _Kind(
        "三八节女职工T台秀",
        (CULTURE_CENTRE,),
        (30, 40),
        dt_time(14, 0),
        3,
        series="三八节女职工T台秀",
        size="big",
        women_only=True,
        popularity=(0.7, 1.0),
        description="女职工走秀展示职业风采，服装由各单位自备；活动后为女职工送上鲜花。",
    ),
    "badminton": _Kind(
        "{year}年职工羽毛球比赛",
        (DONGDAN,),
        (48, 64),
        dt_time(9, 0),
        6,
        series="羽毛球比赛",
        size="big",
        weekend=True,
        popularity=(0.5, 0.8),
        minimum=True,
        divisions=True,
        description="设男子单打、女子单打两个组别，小组循环后淘汰；球拍自备，用球由服务站提供。",
    ),
    "mixer_big": _Kind(
        "“8分钟主题交友”联谊会·{year}“520”专场",
        (YOUTH_LAKE,),
        (30, 40),
        dt_time(14, 0),
        3,
        series="“8分钟主题交友”联谊会",
        size="big",
        weekend=True,
        ages=MIXER_AGES,
        balanced=True,
        popularity=(0.9, 1.2),
        description="面向辖区单身青年职工，男女各半；每轮8分钟主题交流，工作人员全程陪同。",
    ),
    "pingpong": _Kind(
        "{year}年职工乒乓球比赛",
        (DONGDAN,),
        (32, 48),
        dt_time(9, 0),
        6,
        series="乒乓球比赛",
        size="big",
        weekend=True,
        popularity=(0.6, 0.95),
        minimum=True,
        divisions=True,
        description="设男子单打、女子单打；比赛用球由服务站提供。",
    ),
    "cooling": _Kind(
        "{year}年夏季送清凉（{topic}）",
        (ACTIVITY_ROOM,),
        (150, 200),
        dt_time(9, 0),
        7,
        series="送清凉",
        size="big",
        popularity=(0.15, 0.25),
        attendance=0.95,
        description="为一线和户外劳动者发放防暑降温用品（绿豆、茶叶、藿香正气水等）。",
    ),
    "outward_big": _Kind(
        "{year}年青年职工素质拓展训练营",
        (YOUTH_LAKE,),
        (40, 60),
        dt_time(8, 30),
        8,
        series="青年职工拓展培训",
        size="big",
        weekend=True,
        ages=YOUTH_AGES,
        popularity=(0.7, 1.0),
        minimum=True,
        description="团队破冰、信任背摔、高空断桥、团队竞技；请穿运动服和运动鞋。",
    ),
    "sports_day": _Kind(
        "{year}年职工趣味运动会",
        (YOUTH_LAKE, "地坛体育馆"),
        (150, 200),
        dt_time(9, 0),
        5,
        series="趣味运动会",
        size="big",
        weekend=True,
        popularity=(0.15, 0.25),
        description="拔河、跳大绳、毛毛虫竞速、定点投篮，以单位组队，也可个人报名后现场编队。",
    ),
    "bowling": _Kind(
        "{year}年职工保龄球比赛",
        ("体育馆路保龄球馆",),
        (40, 48),
        dt_time(9, 30),
        4,
        series="保龄球比赛",
        size="big",
        weekend=True,
        popularity=(0.9, 1.2),
        minimum=True,
        description="每人三局，按总分排名；球鞋由球馆提供。",
    ),
    "guandan_big": _Kind(
        "{year}年度职工掼蛋大赛",
        (CULTURE_CENTRE,),
        (48, 64),
        dt_time(9, 0),
        6,
        series="掼蛋/扑克比赛",
        size="big",
        weekend=True,
        popularity=(0.5, 0.7),
        minimum=True,
        description="两人一组报名，也可个人报名由服务站配对；瑞士移位赛制。",
    ),
    # 周有小活动: a small one every week
    "lecture": _Kind(
        "女职工维权讲座：{topic}",
        (ACTIVITY_ROOM,),
        (30, 40),
        dt_time(14, 0),
        1.5,
        series="女职工维权讲座系列",
        women_only=True,
        popularity=(0.4, 0.65),
        description="女职工权益保护系列讲堂，由区总工会法律服务律师主讲，现场答疑。",
        topics=(
            "《女职工劳动保护特别规定》解读",
            "孕期、产期、哺乳期的权益",
            "生育津贴与产假",
            "职场性骚扰的防范与应对",
            "女职工特殊疾病互助保障",
            "女职工权益保护专项集体合同",
            "反家庭暴力法与妇女权益",
            "婚姻家庭中的财产权益",
        ),
    ),
    "reading": _Kind(
        "读书分享会：《{topic}》",
        ("服务站职工书屋",),
        (15, 20),
        dt_time(18, 30),
        1.5,
        series="读书分享会",
        popularity=(0.45, 0.8),
        description="职工流动书屋读书分享，书可在职工书屋借阅。",
        topics=(
            "平凡的世界",
            "人世间",
            "活着",
            "红岩",
            "乡土中国",
            "骆驼祥子",
            "围城",
            "苏东坡传",
            "三体",
            "钢铁是怎样炼成的",
            "额尔古纳河右岸",
            "长安的荔枝",
        ),
    ),
    "flowers": _Kind(
        "职工插花比赛",
        (ACTIVITY_ROOM,),
        (20, 30),
        dt_time(14, 0),
        2.5,
        series="插花比赛",
        popularity=(0.8, 1.25),
        description="花材与花器由服务站统一准备，花艺老师现场点评。",
    ),
    "guandan": _Kind(
        "{topic}",
        (ACTIVITY_ROOM,),
        (24, 32),
        dt_time(18, 30),
        2.5,
        series="掼蛋/扑克比赛",
        popularity=(0.6, 1.0),
        description="两人一组报名，也可个人报名由服务站配对。",
        topics=("职工掼蛋比赛", "职工扑克牌（升级）比赛"),
    ),
    "mixer": _Kind(
        "“8分钟主题交友”联谊会",
        (CULTURE_CENTRE, ACTIVITY_ROOM),
        (20, 24),
        dt_time(14, 0),
        3,
        series="“8分钟主题交友”联谊会",
        weekend=True,
        ages=MIXER_AGES,
        balanced=True,
        popularity=(0.8, 1.2),
        description="面向辖区单身青年职工，男女各半；每轮8分钟主题交流。",
    ),
    "outward": _Kind(
        "青年职工拓展培训：{topic}",
        (YOUTH_LAKE,),
        (30, 40),
        dt_time(9, 0),
        4,
        series="青年职工拓展培训",
        weekend=True,
        ages=YOUTH_AGES,
        popularity=(0.5, 0.9),
        description="青年素质拓展，请穿运动服和运动鞋。",
        topics=("团队协作", "沟通与信任", "定向越野", "压力管理"),
    ),
    "law": _Kind(
        "劳动法律知识讲座：{topic}",
        (ACTIVITY_ROOM,),
        (30, 40),
        dt_time(14, 0),
        1.5,
        popularity=(0.3, 0.55),
        description="区总工会法律服务律师主讲，讲座后可预约一对一法律咨询。",
        topics=(
            "劳动合同的订立与解除",
            "工伤认定与工伤保险待遇",
            "加班费与工资支付",
            "社会保险与住房公积金",
            "劳动争议调解与仲裁流程",
            "灵活就业人员的权益保障",
        ),
    ),
    "relax": _Kind(
        "职工心理减压沙龙：{topic}",
        ("服务站职工心理减压室",),
        (10, 12),
        dt_time(18, 30),
        1.5,
        popularity=(0.9, 1.4),
        description="心理咨询师带领的小组沙龙，名额有限。",
        topics=("情绪管理", "职场压力与睡眠", "亲子沟通", "正念放松"),
    ),
    "health": _Kind(
        "职工健康讲座：{topic}",
        (ACTIVITY_ROOM,),
        (30, 50),
        dt_time(14, 0),
        1.5,
        popularity=(0.3, 0.5),
        description="社区卫生服务中心医生主讲，现场免费测量血压。",
        topics=("颈椎腰椎保健", "高血压的防治", "职场人的合理膳食", "心脑血管保健", "眼健康"),
    ),
    "walk": _Kind(
        "明城墙遗址公园职工健步走",
        ("明城墙遗址公园",),
        (60, 100),
        dt_time(9, 0),
        2,
        weekend=True,
        popularity=(0.2, 0.35),
        description="崇文门集合，沿明城墙遗址公园健步走约5公里。",
    ),
    "movie": _Kind(
        "职工观影：《{topic}》",
        ("大华电影院",),
        (60, 100),
        dt_time(18, 30),
        2.5,
        popularity=(0.15, 0.3),
        description="凭报名名单入场。",
        topics=("长津湖", "流浪地球2", "我和我的祖国", "热辣滚烫", "第二十条", "志愿军"),
    ),
    "jingka": _Kind(
        "京卡·互助服务卡政策宣讲",
        ("国瑞大厦", "华润大厦", "中粮广场", "恒基中心"),
        (30, 50),
        dt_time(12, 0),
        1.5,
        popularity=(0.2, 0.4),
        description="午休时间在楼宇大堂宣讲京卡优惠和职工互助保障，现场办理。",
    ),
    "cooling_small": _Kind(
        "送清凉进楼宇：{topic}",
        ("国瑞大厦", "华润大厦", "中粮广场", "恒基中心", "东方广场"),
        (50, 80),
        dt_time(11, 30),
        2,
        series="送清凉",
        popularity=(0.2, 0.35),
        attendance=0.95,
        description="为楼宇保洁、保安和外卖快递小哥送防暑降温用品。",
    ),
    "duty": _Kind(
        "新春慰问坚守岗位职工",
        (ACTIVITY_ROOM,),
        (20, 30),
        dt_time(10, 0),
        2,
        popularity=(0.3, 0.5),
        attendance=0.95,
        description="春节假期走访慰问坚守岗位的一线职工。",
    ),
}
# The small events of an ordinary week, by weight; months when a kind is not held.
SMALL_WEIGHTS: dict[str, float] = {
    "law": 3,
    "relax": 3,
    "health": 3,
    "walk": 2,
    "movie": 2,
    "jingka": 2,
    "guandan": 2,
    "flowers": 1.5,
    "mixer": 1.5,
    "outward": 1.5,
}
NOT_IN_MONTHS: dict[str, tuple[int, ...]] = {
    "walk": (1, 2, 7, 8, 12),
    "outward": (1, 2, 3, 11, 12),
    "flowers": (1, 2, 6, 7, 8, 12),
}
LECTURE_EVERY_WEEKS = 8
READING_EVERY_WEEKS = 4
SECOND_SMALL_SHARE = 0.1
REGISTRATION_CANCEL_REASONS = (
    "单位临时加班，无法参加",
    "家中有事",
    "身体不适",
    "单位安排出差",
    "时间冲突",
    "",
)
EVENT_CANCEL_REASON = "{venue}临时不能使用，活动取消；已电话通知全部报名职工，下次活动优先报名。"


@dataclass
class _EventPlan:
    kind: str
    day: date
    topic: str | None = None
    showcase: str = ""  # cancelled, full, mixer, minimum, reserved


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    day = date(year, month, 1)
    day += timedelta(days=(weekday - day.weekday()) % 7)
    return day + timedelta(weeks=n - 1)


def _working_day_before(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _holiday(day: date) -> bool:
    """Spring Festival, May Day and National Day: the station runs no ordinary event."""
    festival = spring_festival(day.year)
    if -1 <= (day - festival).days <= 6:
        return True
    return (day.month == 5 and day.day <= 5) or (day.month == 10 and day.day <= 7)


def _big_events(year: int) -> list[_EventPlan]:
    """The station's yearly calendar of big events (月有大活动)."""
    plans = [
        _EventPlan("gala", _nth_weekday(year, 1, 4, 2)),
        _EventPlan("tshow", _working_day_before(date(year, 3, 8))),
        _EventPlan("badminton", _nth_weekday(year, 4, 5, 2)),
        _EventPlan("mixer_big", _nth_weekday(year, 5, 5, 3)),
        _EventPlan("pingpong", _nth_weekday(year, 6, 5, 2)),
        _EventPlan("cooling", _nth_weekday(year, 7, 1, 2), topic="第一批"),
        _EventPlan("cooling", _nth_weekday(year, 8, 1, 1), topic="第二批·户外劳动者"),
        _EventPlan("outward_big", _nth_weekday(year, 9, 5, 3)),
        _EventPlan("sports_day", _nth_weekday(year, 10, 5, 3)),
        _EventPlan("bowling", _nth_weekday(year, 11, 5, 2)),
        _EventPlan("guandan_big", _nth_weekday(year, 12, 5, 2)),
    ]
    festival = spring_festival(year)
    # Gifts in the week before the festival; the lantern riddles on 元宵 (the 15th day).
    plans.append(_EventPlan("warmth", _working_day_before(festival - timedelta(days=9))))
    plans.append(_EventPlan("lantern", festival + timedelta(days=14)))
    return plans


def _weekly_kinds(rng: random.Random, monday: date, week: int, last: list[str]) -> list[str]:
    """This week's small events; not the same kind as last week's."""
    month = (monday + timedelta(days=3)).month
    usual = {
        kind: weight
        for kind, weight in SMALL_WEIGHTS.items()
        if month not in NOT_IN_MONTHS.get(kind, ()) and kind not in last
    }

    def draw(exclude: str = "") -> str:
        options = [k for k in usual if k != exclude]
        return rng.choices(options, [usual[k] for k in options])[0]

    if week % LECTURE_EVERY_WEEKS == 0:
        first = "lecture"
    elif week % READING_EVERY_WEEKS == 2:
        first = "reading"
    elif (
        monday.month in (7, 8)
        and (monday + timedelta(days=4)).month in (7, 8)
        and rng.random() < 0.5
    ):
        first = "cooling_small"  # the whole working week in July or August
    else:
        first = draw()
    kinds = [first]
    if rng.random() < SECOND_SMALL_SHARE:
        kinds.append(draw(first))
    return kinds


def _small_day(rng: random.Random, kind: _Kind, monday: date) -> date | None:
    order = [5, 6] if kind.weekend else [*rng.sample([1, 2, 3], 3), 0, 4]
    for weekday in order:
        day = monday + timedelta(days=weekday)
        if not _holiday(day):
            return day
    return None


def _plan_events(rng: random.Random, on: date) -> list[_EventPlan]:
    """Two years of events and the next six weeks: a big one every month, a small one every
    week, except one recent month whose big event was called off and one recent week left
    empty (so the calendar's coverage warnings have something to show), and the showcases."""
    first = on - timedelta(days=EVENT_HISTORY_DAYS)
    last = on + timedelta(days=EVENT_HORIZON_DAYS)
    plans = [
        plan
        for year in range(first.year, last.year + 1)
        for plan in _big_events(year)
        if first <= plan.day <= last
    ]
    # The month without a big event: the latest of two to five months back with a single,
    # ordinary big event (not gifts, not the 8 March show); that event was cancelled.
    for back in range(2, 6):
        year, month = _months_back(on, back)
        in_month = [p for p in plans if (p.day.year, p.day.month) == (year, month)]
        if len(in_month) == 1 and in_month[0].kind not in ("warmth", "cooling", "tshow"):
            in_month[0].showcase = "cancelled"
            break
    this_monday = on - timedelta(days=on.weekday())
    gap_week = this_monday - timedelta(weeks=GAP_WEEK_BACK)
    monday = first - timedelta(days=first.weekday())
    week = 0
    kinds: list[str] = []
    while monday <= last:
        if monday != gap_week:
            kinds = _weekly_kinds(rng, monday, week, kinds)
            for name in kinds:
                day = _small_day(rng, EVENT_KINDS[name], monday)
                if day is None:  # a whole week of holiday: visits to those on duty, or a walk
                    festival = spring_festival(monday.year)
                    at_festival = abs((monday - festival).days) <= 7
                    name = "duty" if at_festival else "walk"
                    day = monday + timedelta(days=2 if at_festival else 5)
                plans.append(_EventPlan(name, day))
        monday += timedelta(weeks=1)
        week += 1
    # Upcoming: a full flower-arranging contest with a waitlist and an offer open, a mixer with
    # both halves full and people waiting, youth training below its minimum on its decision
    # day; the first big event at least ten days ahead keeps places for one workplace.
    next_monday = this_monday + timedelta(weeks=1)
    plans.append(_EventPlan("flowers", next_monday + timedelta(days=3), showcase="full"))
    plans.append(_EventPlan("mixer", next_monday + timedelta(days=12), showcase="mixer"))
    saturday = this_monday + timedelta(days=5)
    if (saturday - on).days < 3:
        saturday += timedelta(weeks=1)
    plans.append(_EventPlan("outward", saturday, topic="定向越野", showcase="minimum"))
    ahead = sorted(
        (p for p in plans if p.day >= on + timedelta(days=10) and not p.showcase),
        key=lambda p: (EVENT_KINDS[p.kind].size != "big", p.day),
    )
    if ahead:
        ahead[0].showcase = "reserved"
    return sorted(plans, key=lambda p: (p.day, EVENT_KINDS[p.kind].start))
