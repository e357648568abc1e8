<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Accounts</name>
    <message>
        <source>Your account is not allowed to do this.</source>
        <translation>您的账号无权进行此操作。</translation>
    </message>
    <message>
        <source>A password needs at least {n} characters.</source>
        <translation>密码至少需要 {n} 个字符。</translation>
    </message>
    <message>
        <source>A password can have at most {n} characters.</source>
        <translation>密码最多只能有 {n} 个字符。</translation>
    </message>
    <message>
        <source>A password cannot start or end with a space.</source>
        <translation>密码的开头和结尾不能是空格。</translation>
    </message>
    <message>
        <source>A user name has 2 to 32 letters, digits, dots, dashes or underscores, starting with a letter or digit.</source>
        <translation>用户名由 2 至 32 个字母、数字、点（.）、连字符（-）或下划线（_）组成，并须以字母或数字开头。</translation>
    </message>
    <message>
        <source>Choose at least one role.</source>
        <translation>请至少选择一个角色。</translation>
    </message>
    <message>
        <source>The case-number prefix is 1 to 10 Chinese characters or letters, such as 建工调.</source>
        <translation>案号前缀为 1 至 10 个汉字或字母，例如“建工调”。</translation>
    </message>
    <message>
        <source>The station has already been set up; please sign in.</source>
        <translation>服务站已经设置完毕，请登录。</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>This account has been deactivated.</source>
        <translation>此账号已停用。</translation>
    </message>
    <message>
        <source>Too many wrong passwords: this account is locked for {minutes} more minute(s).</source>
        <translation>密码错误次数过多，此账号已被锁定，请 {minutes} 分钟后再试。</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>当前密码错误。</translation>
    </message>
    <message>
        <source>The new password must differ from the current one.</source>
        <translation>新密码不能与当前密码相同。</translation>
    </message>
    <message>
        <source>The user name {name} is taken.</source>
        <translation>用户名 {name} 已被使用。</translation>
    </message>
    <message>
        <source>This staff account no longer exists.</source>
        <translation>此工作人员账号已不存在。</translation>
    </message>
    <message>
        <source>This is the last active administrator; the station needs at least one.</source>
        <translation>这是最后一个启用中的管理员账号，服务站至少需要一名管理员。</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Your password was set by an administrator. Please choose your own now.</source>
        <translation>您的密码是由管理员设置的，请现在设置您自己的密码。</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Repeat new password</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>This database cannot be used: {reason}. For PostgreSQL install the driver with: pip install &apos;stationapp[postgresql]&apos;</source>
        <translation>无法使用此数据库：{reason}。如需使用 PostgreSQL，请先安装驱动：pip install &apos;stationapp[postgresql]&apos;</translation>
    </message>
    <message>
        <source>The database cannot be opened: {reason}</source>
        <translation>无法打开数据库：{reason}</translation>
    </message>
    <message>
        <source>The database is busy: another program or desk is writing to it. Nothing was saved; please try again in a moment.</source>
        <translation>数据库正忙：其他程序或其他工位正在写入数据。本次未保存任何内容，请稍后再试。</translation>
    </message>
    <message>
        <source>The database is read-only, so nothing can be saved. Check the file&apos;s permissions or ask the administrator.</source>
        <translation>数据库为只读状态，无法保存任何内容。请检查该文件的权限，或联系管理员。</translation>
    </message>
    <message>
        <source>The disk is full, so nothing was saved. Free some space and try again.</source>
        <translation>磁盘已满，未保存任何内容。请清理出一些空间后再试。</translation>
    </message>
    <message>
        <source>The database server cannot be reached. Nothing was saved; try again when it is back.</source>
        <translation>无法连接数据库服务器。本次未保存任何内容，请在服务器恢复后再试。</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Something went wrong inside the program. What you were doing was not finished; your other work is safe and you can carry on. Please send the details below to whoever looks after this computer. They are also in the log file:
{path}</source>
        <translation>程序内部出现了错误。您刚才进行的操作未能完成；其他工作不受影响，您可以继续使用。请将下面的详细信息发给负责维护这台电脑的人员。这些信息也已记录在日志文件中：
{path}</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Set up the station</source>
        <translation>设置服务站</translation>
    </message>
    <message>
        <source>Welcome. This database is new. Name the station and create the administrator account; the administrator then adds the other staff.</source>
        <translation>欢迎使用。这是一个新的数据库。请填写服务站名称并创建管理员账号，之后由管理员添加其他工作人员。</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>服务站</translation>
    </message>
    <message>
        <source>e.g. Jianguomen Street Union Service Station</source>
        <translation>例如：建国门街道工会服务站</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>服务站名称</translation>
    </message>
    <message>
        <source>e.g. 建工调</source>
        <translation>例如：建工调</translation>
    </message>
    <message>
        <source>Case-number prefix</source>
        <translation>案号前缀</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Create and start</source>
        <translation>创建并开始使用</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Switch user…</source>
        <translation>切换用户(&amp;S)…</translation>
    </message>
    <message>
        <source>Change &amp;password…</source>
        <translation>修改密码(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Administration</source>
        <translation>管理(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Staff accounts…</source>
        <translation>工作人员账号(&amp;S)…</translation>
    </message>
    <message>
        <source>Station &amp;settings…</source>
        <translation>服务站设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About stationapp</source>
        <translation>关于 stationapp(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;People</source>
        <translation>职工档案(&amp;P)</translation>
    </message>
    <message>
        <source>{station} – stationapp</source>
        <translation>{station} – stationapp</translation>
    </message>
    <message>
        <source>(demo)</source>
        <translation>（演示）</translation>
    </message>
    <message>
        <source>Signed in: {name} ({roles})</source>
        <translation>当前登录：{name}（{roles}）</translation>
    </message>
    <message>
        <source>Database: {url}</source>
        <translation>数据库：{url}</translation>
    </message>
    <message>
        <source>Password changed.</source>
        <translation>密码已修改。</translation>
    </message>
    <message>
        <source>About stationapp</source>
        <translation>关于 stationapp</translation>
    </message>
    <message>
        <source>&lt;b&gt;stationapp&lt;/b&gt; {version}&lt;br&gt;The desktop application of a street trade-union service station: visits, mediation, books and events.&lt;br&gt;&lt;br&gt;Database: {url}</source>
        <translation>&lt;b&gt;stationapp&lt;/b&gt; {version}&lt;br&gt;街道工会服务站桌面应用程序：来访接待、调解、图书和活动。&lt;br&gt;&lt;br&gt;数据库：{url}</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>Migrations</name>
    <message>
        <source>This database holds tables but is not a stationapp database; it was left untouched.</source>
        <translation>此数据库中已有数据表，但它不是 stationapp 数据库，程序未对其做任何改动。</translation>
    </message>
    <message>
        <source>This database is not a stationapp database.</source>
        <translation>此数据库不是 stationapp 数据库。</translation>
    </message>
    <message>
        <source>This database was written by a newer version of stationapp (schema {found}; this program knows up to {known}). Please install the newer version. The database was left untouched.</source>
        <translation>此数据库由更新版本的 stationapp 写入（数据库结构版本 {found}；本程序最高支持版本 {known}）。请安装新版本。程序未对数据库做任何改动。</translation>
    </message>
</context>
<context>
    <name>OrganizationDialog</name>
    <message>
        <source>New workplace</source>
        <translation>新建工作单位</translation>
    </message>
    <message>
        <source>Edit workplace</source>
        <translation>编辑工作单位</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>单位类型</translation>
    </message>
    <message>
        <source>Union</source>
        <translation>建会情况</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
</context>
<context>
    <name>People</name>
    <message>
        <source>Choose a document type.</source>
        <translation>请选择证件类型。</translation>
    </message>
    <message>
        <source>Choose male or female.</source>
        <translation>请选择男或女。</translation>
    </message>
    <message>
        <source>The ID number says otherwise; check the gender or the ID number.</source>
        <translation>性别与证件号码不符，请核对性别或证件号码。</translation>
    </message>
    <message>
        <source>The birth date is in the future.</source>
        <translation>出生日期不能晚于今天。</translation>
    </message>
    <message>
        <source>The birth date is before 1900.</source>
        <translation>出生日期不能早于 1900 年。</translation>
    </message>
    <message>
        <source>The ID number gives another birth date ({date}).</source>
        <translation>证件号码中的出生日期与此不同（{date}）。</translation>
    </message>
    <message>
        <source>This workplace no longer exists.</source>
        <translation>该工作单位已不存在。</translation>
    </message>
    <message>
        <source>Only union members have a member card; tick the member box first.</source>
        <translation>只有工会会员才有会员卡，请先勾选“工会会员”。</translation>
    </message>
    <message>
        <source>This person seems to be on file already. Open the existing record instead of creating a second one.</source>
        <translation>此人似乎已经建档。请打开已有记录，不要重复建档。</translation>
    </message>
    <message>
        <source>This person is no longer on file.</source>
        <translation>此人的档案已不存在。</translation>
    </message>
    <message>
        <source>Choose the kind of workplace.</source>
        <translation>请选择单位类型。</translation>
    </message>
    <message>
        <source>Choose the union status.</source>
        <translation>请选择建会情况。</translation>
    </message>
    <message>
        <source>A workplace with this name is already on file.</source>
        <translation>已有同名的工作单位。</translation>
    </message>
    <message>
        <source>This workplace is no longer on file.</source>
        <translation>该工作单位的记录已不存在。</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>Office building</source>
        <translation>商务楼宇</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Public institution</source>
        <translation>事业单位</translation>
    </message>
    <message>
        <source>Own union</source>
        <translation>独立工会</translation>
    </message>
    <message>
        <source>Joint union</source>
        <translation>联合工会</translation>
    </message>
    <message>
        <source>No union</source>
        <translation>未建会</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
</context>
<context>
    <name>PeopleTab</name>
    <message>
        <source>Search: name, pinyin, initials, phone, ID or card number, last 4 digits (Ctrl+F)</source>
        <translation>搜索：姓名、拼音、拼音首字母、电话、证件号码或卡号、后 4 位（Ctrl+F）</translation>
    </message>
    <message>
        <source>&amp;New person</source>
        <translation>新建人员(&amp;N)</translation>
    </message>
    <message>
        <source>Register a new person (Ctrl+N)</source>
        <translation>登记新职工（Ctrl+N）</translation>
    </message>
    <message>
        <source>&amp;Workplaces…</source>
        <translation>工作单位(&amp;W)…</translation>
    </message>
    <message numerus="yes">
        <source>%n found</source>
        <translation>
            <numerusform>找到 %n 人</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n people</source>
        <translation>
            <numerusform>共 %n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>No one matches “{query}”.
Press Ctrl+N to register them.</source>
        <translation>没有找到与“{query}”相符的人员。
按 Ctrl+N 可登记此人。</translation>
    </message>
    <message>
        <source>No one is registered yet.
Press Ctrl+N to add the first person.</source>
        <translation>尚未登记任何人员。
按 Ctrl+N 添加第一位职工。</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>Edit person</source>
        <translation>编辑职工信息</translation>
    </message>
    <message>
        <source>New person</source>
        <translation>新建人员</translation>
    </message>
    <message>
        <source>Open the existing record</source>
        <translation>打开已有记录</translation>
    </message>
    <message>
        <source>It is someone else: save anyway</source>
        <translation>不是同一人，仍然保存</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <source>Mobile or 010-12345678</source>
        <translation>手机或 010-12345678</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>电话(&amp;P)</translation>
    </message>
    <message>
        <source>Document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>&amp;ID number</source>
        <translation>证件号码(&amp;I)</translation>
    </message>
    <message>
        <source>Not given</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>&amp;Workplace</source>
        <translation>工作单位(&amp;W)</translation>
    </message>
    <message>
        <source>Union member</source>
        <translation>工会会员</translation>
    </message>
    <message>
        <source>Beijing union card (京卡) number</source>
        <translation>京卡卡号</translation>
    </message>
    <message>
        <source>Member card</source>
        <translation>会员卡</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Your role sees this number masked.</source>
        <translation>按您的角色权限，此号码部分隐藏显示。</translation>
    </message>
    <message>
        <source>Write the date as YYYY-MM-DD, e.g. 1985-03-21.</source>
        <translation>请按 YYYY-MM-DD 格式填写日期，例如 1985-03-21。</translation>
    </message>
    <message>
        <source>No workplace has this name. Choose one from the list or create it with New….</source>
        <translation>没有这个名称的工作单位。请从列表中选择，或点击“新建…”创建。</translation>
    </message>
</context>
<context>
    <name>PersonPage</name>
    <message>
        <source>Choose a person in the list to see their record.</source>
        <translation>请在列表中选择一位职工，以查看其档案。</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Workplace</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Union member</source>
        <translation>工会会员</translation>
    </message>
    <message>
        <source>Member card</source>
        <translation>会员卡</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>On file since</source>
        <translation>建档日期</translation>
    </message>
    <message>
        <source>Record history</source>
        <translation>记录历史</translation>
    </message>
    <message>
        <source>(age {age})</source>
        <translation>（{age} 岁）</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>system</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>registered</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>workplace</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>membership</source>
        <translation>会员身份</translation>
    </message>
    <message>
        <source>member card</source>
        <translation>会员卡</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>PersonPicker</name>
    <message>
        <source>Name, pinyin, initials, phone, ID or card number, or their last 4 digits</source>
        <translation>姓名、拼音、拼音首字母、电话、证件号码或卡号，或号码后 4 位</translation>
    </message>
    <message>
        <source>No one found for “{text}”.</source>
        <translation>没有找到与“{text}”相符的人员。</translation>
    </message>
    <message>
        <source>New person: “{text}”…</source>
        <translation>新建人员：“{text}”…</translation>
    </message>
</context>
<context>
    <name>PersonTableModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Workplace</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>最近活动</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>Front desk</source>
        <translation>前台接待</translation>
    </message>
    <message>
        <source>Mediator</source>
        <translation>调解员</translation>
    </message>
    <message>
        <source>Head of mediation</source>
        <translation>调解负责人</translation>
    </message>
    <message>
        <source>Librarian</source>
        <translation>图书管理员</translation>
    </message>
    <message>
        <source>Event organiser</source>
        <translation>活动组织员</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <source>Staff accounts</source>
        <translation>工作人员账号</translation>
    </message>
    <message>
        <source>&amp;New account</source>
        <translation>新建账号(&amp;N)</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Account active</source>
        <translation>账号已启用</translation>
    </message>
    <message>
        <source>Initial password</source>
        <translation>初始密码</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Reset password…</source>
        <translation>重置密码(&amp;R)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Account {name} created. They must choose their own password at first sign-in.</source>
        <translation>账号 {name} 已创建。该工作人员首次登录时须设置自己的密码。</translation>
    </message>
    <message>
        <source>Account {name} saved.</source>
        <translation>账号 {name} 已保存。</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>Temporary password</source>
        <translation>临时密码</translation>
    </message>
    <message>
        <source>Password reset</source>
        <translation>密码已重置</translation>
    </message>
    <message>
        <source>The password was reset. The staff member must change it at next sign-in.</source>
        <translation>密码已重置。该工作人员下次登录时须修改密码。</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>The database cannot be read ({error}). Nothing was changed.</source>
        <translation>无法读取数据库（{error}）。未做任何更改。</translation>
    </message>
</context>
<context>
    <name>StationSettingsDialog</name>
    <message>
        <source>Station settings</source>
        <translation>服务站设置</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>服务站名称</translation>
    </message>
    <message>
        <source>Case-number prefix</source>
        <translation>案号前缀</translation>
    </message>
</context>
<context>
    <name>Validation</name>
    <message>
        <source>Resident ID card</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <source>Residence permit for Hong Kong, Macau and Taiwan residents</source>
        <translation>港澳台居民居住证</translation>
    </message>
    <message>
        <source>Mainland travel permit for Hong Kong and Macau residents</source>
        <translation>港澳居民来往内地通行证</translation>
    </message>
    <message>
        <source>Mainland travel permit for Taiwan residents</source>
        <translation>台湾居民来往大陆通行证</translation>
    </message>
    <message>
        <source>Foreign permanent resident ID card</source>
        <translation>外国人永久居留身份证</translation>
    </message>
    <message>
        <source>Passport</source>
        <translation>护照</translation>
    </message>
    <message>
        <source>A travel permit for Hong Kong and Macau residents has H or M followed by 8 digits (sometimes 10).</source>
        <translation>港澳居民来往内地通行证号码为字母 H 或 M 加 8 位数字（有的为 10 位）。</translation>
    </message>
    <message>
        <source>A travel permit for Taiwan residents has 8 digits.</source>
        <translation>台湾居民来往大陆通行证号码为 8 位数字。</translation>
    </message>
    <message>
        <source>A passport number has 5 to 20 letters and digits.</source>
        <translation>护照号码由 5 至 20 个字母和数字组成。</translation>
    </message>
    <message>
        <source>This is an old 15-digit ID number. Please enter the 18-digit number from the current ID card.</source>
        <translation>这是旧的 15 位身份证号码。请输入现行居民身份证上的 18 位号码。</translation>
    </message>
    <message>
        <source>An ID number has 18 characters; this one has {count}.</source>
        <translation>居民身份证号码应为 18 位，此号码为 {count} 位。</translation>
    </message>
    <message>
        <source>Numbers starting with 81, 82 or 83 belong to residence permits for Hong Kong, Macau and Taiwan residents; please check the document type.</source>
        <translation>以 81、82 或 83 开头的号码属于港澳台居民居住证，请核对证件类型。</translation>
    </message>
    <message>
        <source>The first six digits ({code}) are not a known area code. Old codes are still valid, but please compare the number with the card.</source>
        <translation>前六位（{code}）不是已知的行政区划代码。旧代码仍然有效，但请将号码与证件仔细核对。</translation>
    </message>
    <message>
        <source>A residence permit number has 18 characters; this one has {count}.</source>
        <translation>居住证号码应为 18 位，此号码为 {count} 位。</translation>
    </message>
    <message>
        <source>A residence permit number for Hong Kong, Macau or Taiwan residents starts with 81, 82 or 83.</source>
        <translation>港澳台居民居住证号码以 81、82 或 83 开头。</translation>
    </message>
    <message>
        <source>A foreign permanent resident ID number has either 3 letters and 12 digits (old card) or 18 characters starting with 9 (card issued since 2023).</source>
        <translation>外国人永久居留身份证号码为 3 个字母加 12 位数字（旧版证件），或以 9 开头的 18 位号码（2023 年起签发的证件）。</translation>
    </message>
    <message>
        <source>The first 17 characters must be digits and the last one a digit or X.</source>
        <translation>前 17 位必须是数字，最后一位为数字或 X。</translation>
    </message>
    <message>
        <source>The check character is wrong: this ID number has a typing mistake.</source>
        <translation>校验位不正确：此证件号码有输入错误。</translation>
    </message>
    <message>
        <source>Characters 7 to 14 should be the birth date, but {value} is not a real date.</source>
        <translation>第 7 至 14 位应为出生日期，但 {value} 不是有效日期。</translation>
    </message>
    <message>
        <source>The birth date in this number ({date}) is before 1900.</source>
        <translation>此号码中的出生日期（{date}）早于 1900 年。</translation>
    </message>
    <message>
        <source>The birth date in this number ({date}) is in the future.</source>
        <translation>此号码中的出生日期（{date}）晚于今天。</translation>
    </message>
    <message>
        <source>A phone number cannot contain &quot;{char}&quot;.</source>
        <translation>电话号码中不能包含“{char}”。</translation>
    </message>
    <message>
        <source>This number has {count} digits. A mobile number has 11 digits starting with 1; a landline looks like 010-12345678.</source>
        <translation>此号码有 {count} 位数字。手机号码为以 1 开头的 11 位数字；固定电话的格式如 010-12345678。</translation>
    </message>
    <message>
        <source>Please enter a name.</source>
        <translation>请输入姓名。</translation>
    </message>
    <message>
        <source>The name is too long: at most {limit} characters.</source>
        <translation>姓名过长：最多 {limit} 个字符。</translation>
    </message>
    <message>
        <source>The name cannot contain &quot;{char}&quot;.</source>
        <translation>姓名中不能包含“{char}”。</translation>
    </message>
    <message>
        <source>A name must contain letters, not only punctuation.</source>
        <translation>姓名须包含文字，不能只有标点符号。</translation>
    </message>
    <message>
        <source>This field cannot be empty.</source>
        <translation>此项不能为空。</translation>
    </message>
    <message>
        <source>The text contains an invisible control character ({code}); please delete it and type the text again.</source>
        <translation>文本中含有不可见的控制字符（{code}），请将其删除后重新输入。</translation>
    </message>
    <message>
        <source>Too long: at most {limit} characters.</source>
        <translation>内容过长：最多 {limit} 个字符。</translation>
    </message>
    <message>
        <source>A card number has digits only.</source>
        <translation>卡号只能包含数字。</translation>
    </message>
    <message>
        <source>A card number has 16 to 19 digits; this one has {count}.</source>
        <translation>卡号应为 16 至 19 位数字，此卡号为 {count} 位。</translation>
    </message>
    <message>
        <source>The last digit of the card number does not match the others: there is a typing mistake.</source>
        <translation>卡号的最后一位（校验位）与其他各位不符：卡号有输入错误。</translation>
    </message>
</context>
<context>
    <name>WorkplaceChooser</name>
    <message>
        <source>Type to search; leave empty if none</source>
        <translation>输入文字进行搜索；没有工作单位则留空</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
</context>
<context>
    <name>WorkplacesDialog</name>
    <message>
        <source>Workplaces</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Search by name, pinyin or initials</source>
        <translation>按名称、拼音或拼音首字母搜索</translation>
    </message>
    <message>
        <source>&amp;New workplace…</source>
        <translation>新建工作单位(&amp;N)…</translation>
    </message>
</context>
</TS>
