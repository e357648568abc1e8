"""The demo library's catalogue: publishers, the classics, magazines and made-up titles."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from stdnum import ean

from stationapp.db import today
from stationapp.demo.common import _digits
from stationapp.demo.people import _given_name, _surname

# --- the workers' library -----------------------------------------------------------------------

LIBRARY_TITLES = 2000  # for 300 people; a smaller station (or a test) has a smaller library
MIN_LIBRARY_TITLES = 400
LOANS_PER_PERSON = 8000 / 300  # two years of desk loans: about 8,000 for 300 people
LOAN_DAYS = 30  # the default rule of migration 5
MAGAZINE_LOAN_DAYS = 14  # the demo's own rule: magazines go out for two weeks, no renewal
ISBN_SHARE = 0.7
SHELVES = tuple(f"书架{row}{n}" for row in "ABCD" for n in range(1, 7))

# Publishers and the ISBN publisher prefixes they (or publishers like them) use after 978-7.
PUBLISHERS: dict[str, str] = {
    "人民文学出版社": "02",
    "人民出版社": "01",
    "商务印书馆": "100",
    "中华书局": "101",
    "机械工业出版社": "111",
    "人民邮电出版社": "115",
    "人民卫生出版社": "117",
    "电子工业出版社": "121",
    "化学工业出版社": "122",
    "北京出版社": "200",
    "浙江人民出版社": "213",
    "重庆出版社": "229",
    "北京大学出版社": "301",
    "清华大学出版社": "302",
    "北京师范大学出版社": "303",
    "中国工人出版社": "5008",
    "中国统计出版社": "5037",
    "作家出版社": "5063",
    "中信出版社": "5086",
    "中国法制出版社": "5093",
    "人民法院出版社": "5109",
    "法律出版社": "5118",
    "中国妇女出版社": "5127",
    "中国中医药出版社": "5132",
    "中国青年出版社": "5153",
    "中国劳动社会保障出版社": "5167",
    "中国轻工业出版社": "5184",
    "北京十月文艺出版社": "5302",
    "上海文艺出版社": "5321",
    "上海辞书出版社": "5326",
    "上海译文出版社": "5327",
    "长江文艺出版社": "5354",
    "花城出版社": "5360",
    "湖南文艺出版社": "5404",
    "青岛出版社": "5436",
    "南海出版公司": "5442",
    "译林出版社": "5447",
    "江苏凤凰科学技术出版社": "5537",
    "华东师范大学出版社": "5617",
    "读者出版集团": "",  # magazines: no ISBN
    "中国工人杂志社": "",
    "家庭医生杂志社": "",
}


@dataclass(frozen=True)
class _Book:
    title: str
    author: str
    publisher: str
    year: int
    classification: str
    popularity: float = 8.0
    item_type: str = "book"
    isbn_group: str = ""  # titles with the same group share one ISBN (volumes of a set)
    price: tuple[int, int] = (25, 68)  # yuan, from-to


# Books every workers' reading room has: the classics, the prize winners, the best-sellers.
FAMOUS_BOOKS: tuple[_Book, ...] = (
    _Book("活着", "余华", "作家出版社", 2012, "I247.57", 15),
    _Book("许三观卖血记", "余华", "作家出版社", 2012, "I247.57", 7),
    _Book("兄弟", "余华", "作家出版社", 2017, "I247.57", 5),
    _Book(
        "平凡的世界（第一部）", "路遥", "北京十月文艺出版社", 2017, "I247.57", 14, isbn_group="平凡"
    ),
    _Book(
        "平凡的世界（第二部）", "路遥", "北京十月文艺出版社", 2017, "I247.57", 10, isbn_group="平凡"
    ),
    _Book(
        "平凡的世界（第三部）", "路遥", "北京十月文艺出版社", 2017, "I247.57", 9, isbn_group="平凡"
    ),
    _Book("人生", "路遥", "北京十月文艺出版社", 2012, "I247.5", 8),
    _Book("围城", "钱锺书", "人民文学出版社", 2017, "I246.57", 10),
    _Book("红楼梦（上）", "曹雪芹 高鹗", "人民文学出版社", 2008, "I242.47", 7, isbn_group="红楼"),
    _Book("红楼梦（下）", "曹雪芹 高鹗", "人民文学出版社", 2008, "I242.47", 5, isbn_group="红楼"),
    _Book("三国演义", "罗贯中", "人民文学出版社", 2019, "I242.4", 8),
    _Book("水浒传", "施耐庵", "人民文学出版社", 2019, "I242.4", 6),
    _Book("西游记", "吴承恩", "人民文学出版社", 2019, "I242.4", 7),
    _Book("三体", "刘慈欣", "重庆出版社", 2008, "I247.55", 15),
    _Book("三体Ⅱ·黑暗森林", "刘慈欣", "重庆出版社", 2008, "I247.55", 11),
    _Book("三体Ⅲ·死神永生", "刘慈欣", "重庆出版社", 2010, "I247.55", 10),
    _Book("流浪地球", "刘慈欣", "中国青年出版社", 2019, "I247.55", 6),
    _Book("白鹿原", "陈忠实", "人民文学出版社", 2012, "I247.5", 9),
    _Book("骆驼祥子", "老舍", "人民文学出版社", 2018, "I246.57", 8),
    _Book("四世同堂", "老舍", "北京十月文艺出版社", 2017, "I246.57", 5),
    _Book("茶馆", "老舍", "人民文学出版社", 2018, "I234", 4),
    _Book("边城", "沈从文", "北京十月文艺出版社", 2017, "I246.5", 5),
    _Book("呐喊", "鲁迅", "人民文学出版社", 2016, "I210.6", 5),
    _Book("朝花夕拾", "鲁迅", "人民文学出版社", 2016, "I210.4", 5),
    _Book("家", "巴金", "人民文学出版社", 2017, "I246.57", 4),
    _Book("子夜", "茅盾", "人民文学出版社", 2016, "I246.57", 3),
    _Book("城南旧事", "林海音", "中国青年出版社", 2015, "I247.7", 6),
    _Book("文化苦旅", "余秋雨", "长江文艺出版社", 2014, "I267", 6),
    _Book("我与地坛", "史铁生", "人民文学出版社", 2011, "I267", 6),
    _Book("穆斯林的葬礼", "霍达", "北京十月文艺出版社", 2015, "I247.5", 6),
    _Book("尘埃落定", "阿来", "人民文学出版社", 2013, "I247.5", 4),
    _Book("长恨歌", "王安忆", "人民文学出版社", 2019, "I247.5", 4),
    _Book("秦腔", "贾平凹", "作家出版社", 2012, "I247.5", 4),
    _Book("蛙", "莫言", "上海文艺出版社", 2012, "I247.5", 5),
    _Book("红高粱家族", "莫言", "上海文艺出版社", 2012, "I247.5", 5),
    _Book("繁花", "金宇澄", "上海文艺出版社", 2014, "I247.5", 7),
    _Book("人世间", "梁晓声", "中国青年出版社", 2017, "I247.5", 12),
    _Book("一句顶一万句", "刘震云", "长江文艺出版社", 2016, "I247.5", 5),
    _Book("推拿", "毕飞宇", "人民文学出版社", 2015, "I247.5", 4),
    _Book("额尔古纳河右岸", "迟子建", "北京十月文艺出版社", 2019, "I247.5", 5),
    _Book("主角", "陈彦", "作家出版社", 2018, "I247.5", 4),
    _Book("北上", "徐则臣", "北京十月文艺出版社", 2018, "I247.5", 4),
    _Book("云边有个小卖部", "张嘉佳", "湖南文艺出版社", 2018, "I247.57", 8),
    _Book("撒哈拉的故事", "三毛", "北京十月文艺出版社", 2017, "I267", 6),
    _Book("浮生六记", "沈复", "中华书局", 2015, "I264.9", 4),
    _Book("解忧杂货店", "东野圭吾", "南海出版公司", 2014, "I313.45", 10),
    _Book("百年孤独", "加西亚·马尔克斯", "南海出版公司", 2011, "I775.45", 6),
    _Book("钢铁是怎样炼成的", "奥斯特洛夫斯基", "人民文学出版社", 2016, "I512.45", 5),
    _Book("老人与海", "海明威", "上海译文出版社", 2012, "I712.45", 5),
    _Book("乡土中国", "费孝通", "北京大学出版社", 2012, "C912.82", 4),
    _Book("万历十五年", "黄仁宇", "中华书局", 2014, "K248.07", 5),
    _Book("明朝那些事儿", "当年明月", "浙江人民出版社", 2017, "K248.09", 9),
    _Book("苏东坡传", "林语堂", "湖南文艺出版社", 2018, "K825.6", 5),
    _Book("唐诗三百首", "蘅塘退士 编", "中华书局", 2016, "I222.742", 5),
    _Book("宋词三百首", "上彊村民 编", "中华书局", 2016, "I222.844", 4),
    _Book("人间词话", "王国维", "中华书局", 2016, "I207.23", 3),
    _Book("大国工匠", "《大国工匠》编写组", "中国工人出版社", 2019, "K826.16", 5),
    # What the station's own readers ask for most, besides novels.
    _Book(
        "中华人民共和国劳动合同法（实用版）",
        "中国法制出版社 编",
        "中国法制出版社",
        2021,
        "D922.52",
        2,
    ),
    _Book("劳动合同法实务手册", "本书编写组", "中国工人出版社", 2020, "D922.52", 1.5),
    _Book("职工心理健康读本", "本书编写组", "中国工人出版社", 2021, "R395.6", 1.5),
    _Book("家常菜谱", "甘智荣 主编", "中国轻工业出版社", 2018, "TS972.12", 3),
    _Book("Python编程入门", "李宁", "人民邮电出版社", 2022, "TP311.561", 1.5),
    _Book(
        "新华字典（第12版）", "中国社会科学院语言研究所", "商务印书馆", 2020, "H163", 0, "reference"
    ),
    _Book(
        "现代汉语词典（第7版）",
        "中国社会科学院语言研究所",
        "商务印书馆",
        2016,
        "H164",
        0,
        "reference",
    ),
    _Book("辞海（第七版）", "夏征农 陈至立 主编", "上海辞书出版社", 2020, "Z32", 0, "reference"),
    _Book(
        "中华人民共和国法律法规全书",
        "中国法制出版社 编",
        "中国法制出版社",
        2024,
        "D920.9",
        0,
        "reference",
    ),
    _Book("中国劳动统计年鉴", "国家统计局 编", "中国统计出版社", 2023, "F249.21", 0, "reference"),
)

MAGAZINES: tuple[tuple[str, str], ...] = (
    ("读者", "读者出版集团"),
    ("中国工人", "中国工人杂志社"),
    ("家庭医生", "家庭医生杂志社"),
)


@dataclass(frozen=True)
class _Shelf:
    """A kind of book from which titles are made up: subjects x forms, their 中图法 classes,
    publishers, how often they are borrowed, what they cost and who writes them."""

    subjects: dict[str, tuple[str, int]]  # subject -> (class, first year such a book can exist)
    forms: tuple[str, ...]  # "-" for none: the subject alone is the title
    publishers: tuple[str, ...]
    share: float
    popularity: float
    price: tuple[int, int]
    author_style: str  # "person", "editor" (主编/编著), "group" (编写组) or "mixed"
    novel: bool = False  # subject and form make a novel's title (see NOVEL_FORMS)


def _subjects(table: str) -> dict[str, tuple[str, int]]:
    """Parse "劳动合同法:D922.52@2008 工会工作:D412.6" into {subject: (class, since)}."""
    found = re.finditer(r"([^\s:]+):([A-Z][\w.]*)(?:@(\d{4}))?", table)
    return {m.group(1): (m.group(2), int(m.group(3) or 2006)) for m in found}


def _shelf(
    subjects: str, forms: str, publishers: str, *numbers: float, style: str, novel: bool = False
) -> _Shelf:
    share, popularity, low, high = numbers
    return _Shelf(
        _subjects(subjects),
        tuple(forms.split()),
        tuple(publishers.split()),
        share,
        popularity,
        (int(low), int(high)),
        style,
        novel,
    )


# share of the made-up titles, popularity, price range
GENERATED_SHELVES: tuple[_Shelf, ...] = (
    _shelf(
        """劳动合同法:D922.52@2008 劳动争议调解仲裁法:D922.591@2008 工伤保险条例:D922.55
        社会保险法:D922.182@2011 劳动法:D922.5 劳务派遣:D922.52@2014 职工带薪年休假:D922.5@2008
        女职工劳动保护:D922.5@2012 保障农民工工资支付条例:D922.5@2020 工资支付:D922.5
        新就业形态劳动者权益保障:D922.5@2021 劳动关系:F246 民法典:D923@2020
        个人所得税:D922.222@2019""",
        "实务手册 条文释义 实用问答 案例精析 一本通 维权指南 百问百答 注释本 理解与适用 "
        "典型案例评析",
        "中国法制出版社 法律出版社 中国工人出版社 人民法院出版社 中国劳动社会保障出版社",
        *(0.13, 0.5, 28, 68),
        style="mixed",
    ),
    _shelf(
        """工会工作:D412.6 基层工会:D412.6 工会主席:D412.6 职工代表大会:D412.6
        工资集体协商:F249.24 工会财务:D412.6 工会会员发展:D412.6 楼宇工会:D412.6@2012
        职工之家建设:D412.6 劳模精神:D412.6""",
        "实务 工作手册 100问 操作指南 案例选编 知识读本 培训教程",
        "中国工人出版社",
        *(0.06, 0.3, 25, 48),
        style="group",
    ),
    _shelf(
        """职工心理健康:R395.6 情绪管理:B842.6 压力调适:B842.6 心理减压:R395.6 职场沟通:C912.11
        亲子关系:G78 睡眠改善:R338.63 正念练习:B842.6@2015 焦虑自助:R749.72 幸福力:B848.4""",
        "读本 手册 指南 十二讲 自助手册 实用技巧",
        "人民卫生出版社 中国轻工业出版社 机械工业出版社 中国工人出版社",
        *(0.07, 0.9, 32, 59),
        style="person",
    ),
    _shelf(
        """家常菜谱:TS972.12 家常小炒:TS972.12 快手早餐:TS972.12 营养汤煲:TS972.122
        面食点心:TS972.132 川菜:TS972.182 粤菜:TS972.182 北京风味小吃:TS972.142
        减脂餐:TS972.161@2015 电饭煲美食:TS972.12 老北京家常菜:TS972.182
        孕产妇营养餐:TS972.164 儿童营养餐:TS972.162 素食:TS972.123""",
        "- 大全 一学就会 精选 300例 图解",
        "中国轻工业出版社 青岛出版社 化学工业出版社 江苏凤凰科学技术出版社",
        *(0.1, 1.2, 29, 58),
        style="mixed",
    ),
    _shelf(
        """Python编程:TP311.561@2012 Excel办公应用:TP391.13 Word排版:TP391.12 PPT设计:TP391.412
        电脑基础:TP3 智能手机使用:TN929.53@2012 短视频剪辑:TN94@2018 人工智能:TP18@2016
        网络安全:TP393.08 Photoshop:TP391.413 数据分析:TP274 Java程序设计:TP312.8""",
        "入门 从入门到精通 实战 速成 一本通 案例教程 基础教程",
        "人民邮电出版社 清华大学出版社 机械工业出版社 电子工业出版社",
        *(0.1, 0.8, 39, 99),
        style="person",
    ),
    _shelf(
        """颈椎病防治:R681.5 高血压饮食调养:R544.1 糖尿病自我管理:R587.1 中医养生:R212
        家庭急救:R459.7 职业病防治:R135 护眼:R77 腰椎间盘突出:R681.53 老年人护理:R473.59
        科学健身:G883 四季养生:R212""",
        "- 指南 手册 一本通 问答 图解",
        "人民卫生出版社 中国中医药出版社 化学工业出版社 中国轻工业出版社",
        *(0.08, 1.0, 26, 49),
        style="person",
    ),
    _shelf(
        """电工:TM05 焊工:TG44 保安员:D631.43 养老护理员:R473 家政服务员:TS976.7 育婴员:TS976.31
        快递员:F618.1@2010 网约配送员:F719.3@2020 中式烹调师:TS972.117 物业管理员:F293.33
        汽车维修工:U472 美容师:TS974.1 收银员:F713.3 叉车司机:TH242""",
        "职业技能培训教程 上岗必读 职业技能等级认定培训教材 实用技术 考试指导",
        "中国劳动社会保障出版社 中国工人出版社 化学工业出版社 机械工业出版社",
        *(0.1, 0.6, 22, 45),
        style="editor",
    ),
    _shelf(
        """胡同:I247.5 北京:I247.5 城南:I247.5 远方:I247.5 老街:I247.5 父亲:I247.5 母亲:I247.5
        青春:I247.57 大河:I247.5 草原:I247.5 山村:I247.5 小城:I247.7 故乡:I247.7 工厂:I247.5
        夜班:I247.7 站台:I247.7 月光:I247.7 春天:I247.57""",
        "故事 灯火 岁月 回声 孩子们 记忆 守望 日子 年轮 来信 人们 黄昏 歌",
        "人民文学出版社 作家出版社 北京十月文艺出版社 长江文艺出版社 上海文艺出版社 花城出版社 "
        "中国工人出版社",
        *(0.22, 1.6, 35, 59),
        style="person",
        novel=True,
    ),
    _shelf(
        """高铁:I253@2012 航天:I253 电力:I253 建筑:I253 快递:I253@2012 环卫:I253 地铁:I253
        护理:I253 胡同:I267 京城:I267""",
        "工匠 劳模风采录 人物志 纪事 散记 随笔",
        "中国工人出版社 作家出版社 人民文学出版社 北京出版社",
        *(0.05, 0.9, 32, 56),
        style="person",
    ),
    _shelf(
        """北京胡同:K291 北京中轴线:K928.71 故宫:K928.74 老北京:K291 天坛:K928.73 前门大街:K291
        东城:K291 京味儿:K892.41""",
        "史话 的故事 漫步 往事 图志 一百年",
        "北京出版社 中华书局 北京大学出版社",
        *(0.04, 1.0, 38, 88),
        style="person",
    ),
    _shelf(
        """家庭教育:G78 亲子阅读:G78 青春期:G78 小学生学习习惯:G622.46 中考:G632.474
        高考志愿填报:G647.32 双职工家庭育儿:TS976.31""",
        "指南 手册 100问 实用方法 家长必读",
        "华东师范大学出版社 中国妇女出版社 北京师范大学出版社",
        *(0.05, 1.0, 29, 49),
        style="person",
    ),
    _shelf(
        """家庭理财:F830.59 社保医保:F842.61 住房公积金:F299.233 养老金:F842.67
        防范电信诈骗:D924.33@2016 婚姻家庭法律:D923.9""",
        "一本通 实用指南 问答 明白纸 365问",
        "中国法制出版社 中信出版社 人民出版社",
        *(0.04, 0.7, 25, 45),
        style="mixed",
    ),
)

EDITIONS = ("（第2版）", "（第3版）", "（修订版）", "（图解版）", "（双色版）", "（最新版）")
NOVEL_FORMS = ("{s}的{f}", "{s}{f}", "在{s}", "{s}记", "走出{s}", "{s}往事")


@dataclass
class _TitleRow:
    id: int
    book: _Book
    isbn: str
    acquired: datetime
    popularity: float
    price: tuple[int, int]
    copies: list[int]


@dataclass
class _DeskLoan:
    id: int
    copy: int
    person: int
    staff: int
    lent_at: datetime
    due_on: date
    returned_at: datetime | None
    returned_staff: int | None
    renewals: int
    renewed_at: datetime | None


def _isbn(rng: random.Random, publisher: str, used: set[str]) -> str:
    """A valid ISBN-13 in the Chinese group (978-7), with the publisher's prefix."""
    prefix = "9787" + PUBLISHERS[publisher]
    for _ in range(1000):
        body = prefix + _digits(rng, 12 - len(prefix))
        number = body + ean.calc_check_digit(body)
        if number not in used:
            used.add(number)
            return number
    raise RuntimeError("could not draw a unique demo ISBN")


def _author(rng: random.Random, style: str) -> str:
    if style == "mixed":
        style = rng.choice(("person", "editor", "group"))
    name = _surname(rng) + _given_name(rng, rng.choice("MF"))
    if style == "editor":
        return f"{name} {rng.choice(('主编', '编著', '编'))}"
    if style == "group":
        return "本书编写组" if rng.random() < 0.6 else f"{name} 主编"
    return name


def _generated_books(rng: random.Random, count: int) -> list[_Book]:
    """Plausible titles from the word lists, in the shelves' shares; a title may repeat with
    another author or publisher, as it does in a real collection."""
    total = sum(s.share for s in GENERATED_SHELVES)
    year_now = today().year
    seen: set[tuple[str, str]] = set()
    books: list[_Book] = []
    while len(books) < count:
        shelf = rng.choices(GENERATED_SHELVES, [s.share / total for s in GENERATED_SHELVES])[0]
        subject = rng.choice(list(shelf.subjects))
        form = rng.choice(shelf.forms).replace("-", "")
        title = rng.choice(NOVEL_FORMS).format(s=subject, f=form) if shelf.novel else subject + form
        if rng.random() < 0.12:
            title += rng.choice(EDITIONS)
        author = _author(rng, shelf.author_style)
        if (title, author) in seen:
            continue
        seen.add((title, author))
        classification, since = shelf.subjects[subject]
        books.append(
            _Book(
                title=title,
                author=author,
                publisher=rng.choice(shelf.publishers),
                year=rng.randint(max(since, year_now - 18), year_now),
                classification=classification,
                popularity=shelf.popularity * rng.uniform(0.3, 1.7),
                price=shelf.price,
            )
        )
    return books


def _magazine_books(rng: random.Random, first_day: date) -> list[_Book]:
    """Monthly issues of three magazines for the last two years."""
    books = []
    on = today()
    month = date(first_day.year, first_day.month, 1)
    while month <= on:
        for name, publisher in MAGAZINES:
            if rng.random() < 0.85:  # not every issue reached the station
                books.append(
                    _Book(
                        title=f"{name}（{month.year}年第{month.month}期）",
                        author=f"《{name}》编辑部",
                        publisher=publisher,
                        year=month.year,
                        classification="Z89",
                        popularity=2.5 if name == "读者" else 1.2,
                        item_type="magazine",
                        price=(10, 18),
                    )
                )
        month = (month + timedelta(days=32)).replace(day=1)
    return books


def _shelf_of(classification: str, item_type: str) -> str:
    if item_type == "magazine":
        return "书架D5"
    if item_type == "reference":
        return "书架D6"
    letter = classification[:1]
    rows = {
        "I": SHELVES[0:6],  # A: literature
        "K": SHELVES[6:8],  # B1-B2: history
        "D": SHELVES[8:11],  # B3-B5: law and the unions
        "C": SHELVES[11:12],
        "F": SHELVES[11:12],
        "T": SHELVES[12:17],  # C: cooking, computers, skills
        "U": SHELVES[16:17],
        "R": SHELVES[18:21],  # D1-D3: health and the mind
        "B": SHELVES[20:21],
        "G": SHELVES[21:22],
    }.get(letter, SHELVES[17:18])
    return rows[sum(map(ord, classification)) % len(rows)]
