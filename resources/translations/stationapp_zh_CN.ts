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
    <message>
        <source>You cannot deactivate your own account.</source>
        <translation>不能停用您自己的账号。</translation>
    </message>
    <message>
        <source>You cannot delete your own account.</source>
        <translation>不能删除您自己的账号。</translation>
    </message>
    <message>
        <source>The account {name} has been used ({history}), so it cannot be deleted; deactivate it instead.</source>
        <translation>账号 {name} 已使用过（{history}），因此不能删除，请改为停用。</translation>
    </message>
    <message>
        <source>Enter a number of minutes from 1 to {n}.</source>
        <translation>请输入 1 至 {n} 之间的分钟数。</translation>
    </message>
</context>
<context>
    <name>AddPeopleDialog</name>
    <message>
        <source>Add recipients by hand: {round}</source>
        <translation>手工添加发放对象：{round}</translation>
    </message>
    <message>
        <source>&amp;Who:</source>
        <translation>发放对象(&amp;W)：</translation>
    </message>
    <message>
        <source>Find a person and press Enter to add them.</source>
        <translation>查找人员后按回车键添加。</translation>
    </message>
    <message numerus="yes">
        <source>Added {name}. %n added so far.</source>
        <translation>
            <numerusform>已添加{name}。本次共添加 %n 人。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AgeRange</name>
    <message>
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>from</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
</context>
<context>
    <name>AgreementEditor</name>
    <message>
        <source>Terms</source>
        <translation>协议内容</translation>
    </message>
    <message>
        <source>Obligation</source>
        <translation>履行义务</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>履行期限</translation>
    </message>
    <message>
        <source>Performed</source>
        <translation>已履行</translation>
    </message>
    <message>
        <source>Proof</source>
        <translation>履行凭证</translation>
    </message>
    <message>
        <source>Obligations</source>
        <translation>履行义务</translation>
    </message>
    <message>
        <source>Add obligation</source>
        <translation>添加履行义务</translation>
    </message>
    <message>
        <source>Remove obligation</source>
        <translation>删除履行义务</translation>
    </message>
    <message>
        <source>Save agreement</source>
        <translation>保存调解协议</translation>
    </message>
    <message>
        <source>Save the agreement (Ctrl+S)</source>
        <translation>保存调解协议（Ctrl+S）</translation>
    </message>
    <message>
        <source>Put into effe&amp;ct</source>
        <translation>使协议生效(&amp;C)</translation>
    </message>
    <message>
        <source>Recor&amp;d performance…</source>
        <translation>登记履行情况(&amp;D)…</translation>
    </message>
    <message>
        <source>Signed by the applicant(s)</source>
        <translation>申请人已签名</translation>
    </message>
    <message>
        <source>Signed or sealed by the respondent</source>
        <translation>被申请人已签名或盖章</translation>
    </message>
    <message>
        <source>Signed by the mediator</source>
        <translation>调解员已签名</translation>
    </message>
    <message>
        <source>Sealed by the mediation organisation</source>
        <translation>调解组织已盖章</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>签名盖章</translation>
    </message>
    <message>
        <source>Agreement saved.</source>
        <translation>调解协议已保存。</translation>
    </message>
    <message>
        <source>Choose an obligation in the table first.</source>
        <translation>请先在表格中选择一项履行义务。</translation>
    </message>
</context>
<context>
    <name>ApplicationDialog</name>
    <message>
        <source>New 京卡 application</source>
        <translation>新的京卡申请</translation>
    </message>
    <message>
        <source>Applied &amp;on:</source>
        <translation>申请日期(&amp;O)：</translation>
    </message>
    <message>
        <source>The catalogue lists no materials for the card.</source>
        <translation>服务目录中未列出京卡所需材料。</translation>
    </message>
    <message>
        <source>Materials brought:</source>
        <translation>已交材料：</translation>
    </message>
    <message>
        <source>No visit</source>
        <translation>无来访记录</translation>
    </message>
    <message>
        <source>From the &amp;visit:</source>
        <translation>来源来访(&amp;V)：</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Assign a mediator</source>
        <translation>指派调解员</translation>
    </message>
    <message>
        <source>Mediator</source>
        <translation>调解员</translation>
    </message>
    <message>
        <source>Only needed when the mediator is related to a party</source>
        <translation>仅在调解员与当事人存在关联时填写</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
</context>
<context>
    <name>AttendanceSheetDialog</name>
    <message>
        <source>Mark attendance from the sign-in sheet</source>
        <translation>按签到表登记到场</translation>
    </message>
    <message>
        <source>Type the names signed on the sheet of {title}, one per line:</source>
        <translation>请输入“{title}”签到表上签名的姓名，每行一个：</translation>
    </message>
    <message>
        <source>&amp;Mark attendance</source>
        <translation>登记到场(&amp;M)</translation>
    </message>
    <message>
        <source>Type at least one name.</source>
        <translation>请至少输入一个姓名。</translation>
    </message>
    <message numerus="yes">
        <source>Marked present: %n</source>
        <translation>
            <numerusform>已登记到场：%n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>Not on the roster: {names}</source>
        <translation>不在报名名单中：{names}</translation>
    </message>
    <message>
        <source>Several registered people have this name; check them in one by one: {names}</source>
        <translation>有多名报名者同名，请逐一签到：{names}</translation>
    </message>
</context>
<context>
    <name>Audit</name>
    <message>
        <source>Created</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Reactivated</source>
        <translation>重新启用</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Wrong password</source>
        <translation>密码错误</translation>
    </message>
    <message>
        <source>Account locked</source>
        <translation>账号锁定</translation>
    </message>
    <message>
        <source>Own password changed</source>
        <translation>修改本人密码</translation>
    </message>
    <message>
        <source>Password reset</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>查阅</translation>
    </message>
    <message>
        <source>Whole ID number shown</source>
        <translation>查看完整证件号码</translation>
    </message>
    <message>
        <source>Signed document with whole ID numbers</source>
        <translation>打印含完整身份证件号码的签署文书</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Personal data exported</source>
        <translation>导出个人信息</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Backed up</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Backup settings changed</source>
        <translation>修改备份设置</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Retention settings changed</source>
        <translation>修改保存期限设置</translation>
    </message>
    <message>
        <source>Anonymised</source>
        <translation>匿名化</translation>
    </message>
    <message>
        <source>Case file kept longer</source>
        <translation>卷宗延长保管</translation>
    </message>
    <message>
        <source>Case file disposed of</source>
        <translation>卷宗已处置</translation>
    </message>
    <message>
        <source>Erased on request</source>
        <translation>应本人要求删除个人信息</translation>
    </message>
    <message>
        <source>Consent given</source>
        <translation>登记同意</translation>
    </message>
    <message>
        <source>Consent withdrawn</source>
        <translation>撤回同意</translation>
    </message>
    <message>
        <source>State changed</source>
        <translation>变更办理状态</translation>
    </message>
    <message>
        <source>Mediator assigned</source>
        <translation>指派调解员</translation>
    </message>
    <message>
        <source>Time limit extended</source>
        <translation>延长调解期限</translation>
    </message>
    <message>
        <source>Agreement saved</source>
        <translation>保存调解协议</translation>
    </message>
    <message>
        <source>Performance recorded</source>
        <translation>登记履行情况</translation>
    </message>
    <message>
        <source>Follow-up completed</source>
        <translation>办结跟进事项</translation>
    </message>
    <message>
        <source>Created in a batch</source>
        <translation>批量新建</translation>
    </message>
    <message>
        <source>Lent</source>
        <translation>借出</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>归还</translation>
    </message>
    <message>
        <source>Renewed</source>
        <translation>续借</translation>
    </message>
    <message>
        <source>Loan undone</source>
        <translation>撤销借出</translation>
    </message>
    <message>
        <source>Return undone</source>
        <translation>撤销归还</translation>
    </message>
    <message>
        <source>Status changed</source>
        <translation>变更状态</translation>
    </message>
    <message>
        <source>Packed</source>
        <translation>装箱</translation>
    </message>
    <message>
        <source>Unpacked</source>
        <translation>取出</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Scanned</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>报名</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>已安排</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Place offered from the waiting list</source>
        <translation>候补递补</translation>
    </message>
    <message>
        <source>Offer accepted</source>
        <translation>接受递补名额</translation>
    </message>
    <message>
        <source>Offers expired</source>
        <translation>递补名额过期</translation>
    </message>
    <message>
        <source>Waiting-list priority set</source>
        <translation>调整候补优先级</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Attendance taken</source>
        <translation>登记到场</translation>
    </message>
    <message>
        <source>Room booked</source>
        <translation>预约场地</translation>
    </message>
    <message>
        <source>Booking moved</source>
        <translation>预约改期</translation>
    </message>
    <message>
        <source>Marked a no-show</source>
        <translation>记为未到场</translation>
    </message>
    <message>
        <source>Joined the union</source>
        <translation>入会</translation>
    </message>
    <message>
        <source>Membership transferred in</source>
        <translation>会籍转入</translation>
    </message>
    <message>
        <source>Membership transferred out</source>
        <translation>会籍转出</translation>
    </message>
    <message>
        <source>Left the union</source>
        <translation>退会</translation>
    </message>
    <message>
        <source>京卡 applied for</source>
        <translation>申请京卡</translation>
    </message>
    <message>
        <source>京卡 issued</source>
        <translation>发放京卡</translation>
    </message>
    <message>
        <source>京卡 reported lost</source>
        <translation>京卡挂失</translation>
    </message>
    <message>
        <source>京卡 replaced</source>
        <translation>京卡补办</translation>
    </message>
    <message>
        <source>京卡 cancelled</source>
        <translation>京卡注销</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>已参保</translation>
    </message>
    <message>
        <source>Claim submitted</source>
        <translation>已提交理赔</translation>
    </message>
    <message>
        <source>Materials ticked</source>
        <translation>已核对材料</translation>
    </message>
    <message>
        <source>Submitted again</source>
        <translation>已重新提交</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已核准</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>已拒付</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已支付</translation>
    </message>
    <message>
        <source>Recipients added</source>
        <translation>添加发放对象</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已发放</translation>
    </message>
    <message>
        <source>Delivery undone</source>
        <translation>撤销发放</translation>
    </message>
    <message>
        <source>Taken off a round&apos;s list</source>
        <translation>移出发放名单</translation>
    </message>
    <message>
        <source>Workplace profile changed</source>
        <translation>修改单位概况</translation>
    </message>
    <message>
        <source>Union status changed</source>
        <translation>更改建会状态</translation>
    </message>
    <message>
        <source>Founding step marked done</source>
        <translation>完成建会步骤</translation>
    </message>
    <message>
        <source>Founding step undone</source>
        <translation>撤销建会步骤</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>职工</translation>
    </message>
    <message>
        <source>Workplace</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Office building</source>
        <translation>楼宇</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>来访</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务项目</translation>
    </message>
    <message>
        <source>Outreach session</source>
        <translation>走访服务</translation>
    </message>
    <message>
        <source>Mediation case</source>
        <translation>调解案件</translation>
    </message>
    <message>
        <source>Mediation session</source>
        <translation>调解会议</translation>
    </message>
    <message>
        <source>Case follow-up</source>
        <translation>案件回访</translation>
    </message>
    <message>
        <source>Mediator&apos;s conflict of interest</source>
        <translation>调解员关联关系</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>书目</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复本</translation>
    </message>
    <message>
        <source>Loan</source>
        <translation>借阅</translation>
    </message>
    <message>
        <source>Reservation</source>
        <translation>预约</translation>
    </message>
    <message>
        <source>Circulation rule</source>
        <translation>借阅规则</translation>
    </message>
    <message>
        <source>Book box</source>
        <translation>书箱</translation>
    </message>
    <message>
        <source>Box loan</source>
        <translation>书箱借出</translation>
    </message>
    <message>
        <source>Stocktake</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Event series</source>
        <translation>活动系列</translation>
    </message>
    <message>
        <source>Registration</source>
        <translation>报名</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>同意</translation>
    </message>
    <message>
        <source>Hardship file</source>
        <translation>困难职工档案</translation>
    </message>
    <message>
        <source>Hardship assistance</source>
        <translation>困难帮扶</translation>
    </message>
    <message>
        <source>Marital status</source>
        <translation>婚姻状况</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>场地</translation>
    </message>
    <message>
        <source>Station closed day</source>
        <translation>服务站闭站日</translation>
    </message>
    <message>
        <source>Room booking</source>
        <translation>场地预约</translation>
    </message>
    <message>
        <source>Counsellor&apos;s duty</source>
        <translation>心理咨询师值班</translation>
    </message>
    <message>
        <source>Mutual-aid plan</source>
        <translation>互助保障项目</translation>
    </message>
    <message>
        <source>Mutual-aid enrolment</source>
        <translation>互助保障参保</translation>
    </message>
    <message>
        <source>Mutual-aid claim</source>
        <translation>互助保障理赔</translation>
    </message>
    <message>
        <source>Welfare round</source>
        <translation>福利发放活动</translation>
    </message>
    <message>
        <source>Welfare round recipient</source>
        <translation>福利发放对象</translation>
    </message>
    <message>
        <source>Workers&apos; congress</source>
        <translation>职工代表大会</translation>
    </message>
    <message>
        <source>Collective contract</source>
        <translation>集体合同</translation>
    </message>
    <message>
        <source>Open-affairs check</source>
        <translation>厂务公开检查</translation>
    </message>
    <message>
        <source>Staff account</source>
        <translation>工作人员账号</translation>
    </message>
    <message>
        <source>Station settings</source>
        <translation>服务站设置</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>操作日志</translation>
    </message>
    <message>
        <source>Personal data removed on {date} by the erasure recorded in entry #{entry}.</source>
        <translation>个人信息已于{date}删除（删除操作见第{entry}条记录）。</translation>
    </message>
    <message>
        <source>system</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Record kind</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <source>Record no.</source>
        <translation>记录编号</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Action code</source>
        <translation>操作代码</translation>
    </message>
    <message>
        <source>Record kind code</source>
        <translation>记录类型代码</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>Audit trail</source>
        <translation>操作日志</translation>
    </message>
    <message>
        <source>S&amp;taff</source>
        <translation>工作人员(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Action</source>
        <translation>操作(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Record kind</source>
        <translation>记录类型(&amp;R)</translation>
    </message>
    <message>
        <source>Record no.</source>
        <translation>记录编号</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>从(&amp;F)</translation>
    </message>
    <message>
        <source>T&amp;o</source>
        <translation>至(&amp;O)</translation>
    </message>
    <message>
        <source>Search the details (Ctrl+F)</source>
        <translation>搜索详情（Ctrl+F）</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Save the entries shown as Excel or CSV</source>
        <translation>将当前显示的记录保存为 Excel 或 CSV 文件</translation>
    </message>
    <message>
        <source>Choose an entry to see its details.</source>
        <translation>请选择一条记录以查看详情。</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <source>All kinds of record</source>
        <translation>全部记录类型</translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>共 %n 条记录</numerusform>
        </translation>
    </message>
    <message>
        <source>audit-trail-{date}.xlsx</source>
        <translation>操作日志-{date}.xlsx</translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation>导出操作日志</translation>
    </message>
    <message>
        <source>Exporting the audit trail…</source>
        <translation>正在导出操作日志…</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n entries to {path}</source>
        <translation>
            <numerusform>已将 %n 条记录导出到 {path}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Record kind</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <source>Record no.</source>
        <translation>记录编号</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>Backup</name>
    <message>
        <source>Choose a folder (a full path) for the backups.</source>
        <translation>请选择用于存放备份的文件夹（完整路径）。</translation>
    </message>
    <message>
        <source>Backups cannot be written to this folder: {reason}</source>
        <translation>无法将备份写入此文件夹：{reason}</translation>
    </message>
    <message>
        <source>Enter a number from {low} to {high}.</source>
        <translation>请输入 {low} 至 {high} 之间的数字。</translation>
    </message>
    <message>
        <source>The file {path} does not exist.</source>
        <translation>文件 {path} 不存在。</translation>
    </message>
    <message>
        <source>The file cannot be read: {reason}</source>
        <translation>无法读取该文件：{reason}</translation>
    </message>
    <message>
        <source>{name} is not a database file; nothing was changed.</source>
        <translation>{name} 不是数据库文件，未做任何更改。</translation>
    </message>
    <message>
        <source>{name} is a database, but not a stationapp database.</source>
        <translation>{name} 是数据库文件，但不是 stationapp 数据库。</translation>
    </message>
    <message>
        <source>{name} was written by a newer version of stationapp (schema {found}; this program knows up to {known}). Install the newer version to restore it.</source>
        <translation>{name} 由更新版本的 stationapp 写入（数据库结构版本 {found}；本程序最高支持版本 {known}）。请安装新版本后再恢复。</translation>
    </message>
    <message>
        <source>; and {n} more</source>
        <translation>；另有 {n} 处</translation>
    </message>
    <message>
        <source>{name} is not a clean stationapp backup and cannot be restored: {problems}. A restore brings back data only, never other tables, triggers or views (schema {version}); nothing was changed.</source>
        <translation>{name} 不是干净的 stationapp 备份，不能恢复：{problems}。恢复只取回数据，绝不带入其他表、触发器或视图（数据库结构版本 {version}），未做任何更改。</translation>
    </message>
    <message>
        <source>the file holds a trigger “{name}” on {table}</source>
        <translation>文件中有表 {table} 上的触发器“{name}”</translation>
    </message>
    <message>
        <source>table {name} is a view</source>
        <translation>表 {name} 是一个视图</translation>
    </message>
    <message>
        <source>the file holds a view “{name}”</source>
        <translation>文件中有视图“{name}”</translation>
    </message>
    <message>
        <source>{name} is a {found}, not a {expected}</source>
        <translation>{name} 是 {found}，而不是 {expected}</translation>
    </message>
    <message>
        <source>the file holds an extra index “{name}” on {table}</source>
        <translation>文件中有表 {table} 上多出的索引“{name}”</translation>
    </message>
    <message>
        <source>the file holds an extra table “{name}”</source>
        <translation>文件中有多出的表“{name}”</translation>
    </message>
    <message>
        <source>index {name} on {table} is missing</source>
        <translation>表 {table} 上的索引 {name} 缺失</translation>
    </message>
    <message>
        <source>table {name} is missing</source>
        <translation>表 {name} 缺失</translation>
    </message>
    <message>
        <source>index {name} differs from this version&apos;s</source>
        <translation>索引 {name} 与此版本的不同</translation>
    </message>
    <message>
        <source>the definition of table {name} differs from this version&apos;s</source>
        <translation>表 {name} 的定义与此版本的不同</translation>
    </message>
    <message>
        <source>column {table}.{column} is renamed or missing</source>
        <translation>列 {table}.{column} 被改名或缺失</translation>
    </message>
    <message>
        <source>column {table}.{column} is not part of this version</source>
        <translation>列 {table}.{column} 不属于此版本</translation>
    </message>
    <message>
        <source>column {table}.{column} has another type or constraints</source>
        <translation>列 {table}.{column} 的类型或约束不同</translation>
    </message>
    <message>
        <source>column {table}.{column} holds a value of {length} characters (at most {limit})</source>
        <translation>列 {table}.{column} 中有长达 {length} 个字符的值（最多 {limit} 个）</translation>
    </message>
    <message>
        <source>{name} is damaged and cannot be used ({reason}); nothing was changed.</source>
        <translation>{name} 已损坏，无法使用（{reason}），未做任何更改。</translation>
    </message>
    <message>
        <source>The copy failed its integrity check ({reason}); the database itself may be damaged. Keep the older backups and ask for help.</source>
        <translation>备份副本未通过完整性检查（{reason}），数据库本身可能已损坏。请保留较早的备份，并寻求技术支持。</translation>
    </message>
    <message>
        <source>The backup could not be written: {reason}</source>
        <translation>无法写入备份：{reason}</translation>
    </message>
    <message>
        <source>pg_dump is not installed on this computer, so the PostgreSQL database cannot be backed up from here. Install the PostgreSQL client tools (Debian: apt-get install postgresql-client) or back it up on the server.</source>
        <translation>此计算机未安装 pg_dump，无法在此备份 PostgreSQL 数据库。请安装 PostgreSQL 客户端工具（Debian：apt-get install postgresql-client），或在服务器上进行备份。</translation>
    </message>
    <message>
        <source>pg_dump failed: {reason}</source>
        <translation>pg_dump 运行失败：{reason}</translation>
    </message>
    <message>
        <source>This kind of database cannot be backed up here.</source>
        <translation>无法在此备份这种类型的数据库。</translation>
    </message>
    <message>
        <source>Only a SQLite database can be restored here. Restore a PostgreSQL database with pg_restore on the server (see the deployment guide).</source>
        <translation>此处只能恢复 SQLite 数据库。PostgreSQL 数据库请在服务器上使用 pg_restore 恢复（参见部署指南）。</translation>
    </message>
    <message>
        <source>This is the database itself, not a backup.</source>
        <translation>这是数据库本身，不是备份。</translation>
    </message>
    <message>
        <source>The database could not be replaced: {reason}</source>
        <translation>无法替换数据库：{reason}</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Station: {station}</source>
        <translation>服务站：{station}</translation>
    </message>
    <message>
        <source>Newest record: {when}</source>
        <translation>最新记录：{when}</translation>
    </message>
    <message>
        <source>People: {people}; visits: {visits}; cases: {cases}; loans: {loans}; events: {events}</source>
        <translation>职工：{people}；来访：{visits}；调解案件：{cases}；借阅：{loans}；活动：{events}</translation>
    </message>
    <message>
        <source>Administrator accounts in the file:</source>
        <translation>文件中的管理员账号：</translation>
    </message>
    <message>
        <source>[inactive]</source>
        <translation>【已停用】</translation>
    </message>
    <message>
        <source>[NEW: not an administrator today]</source>
        <translation>【新增：当前不是管理员】</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Today&apos;s administrators cannot be read.</source>
        <translation>无法读取当前数据库的管理员。</translation>
    </message>
    <message>
        <source>Administrators today: {names}</source>
        <translation>当前的管理员：{names}</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>每日</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>Before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>Before an upgrade</source>
        <translation>升级前</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Keep daily backups for</source>
        <translation>每日备份保留</translation>
    </message>
    <message>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source>Keep one backup a month for</source>
        <translation>每月保留一份备份，共保留</translation>
    </message>
    <message>
        <source>A backup is made automatically once a day when the program starts, and before every upgrade or restore. Choose a USB drive or a network folder so a copy survives if this computer fails.</source>
        <translation>程序每天启动时会自动备份一次，每次升级或恢复前也会自动备份。请选择 U 盘或网络文件夹，以便本机出现故障时仍有备份可用。</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>No backups in this folder yet.</source>
        <translation>此文件夹中还没有备份。</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Restore selected…</source>
        <translation>恢复所选备份(&amp;R)…</translation>
    </message>
    <message>
        <source>Restore from a &amp;file…</source>
        <translation>从文件恢复(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation>打开文件夹(&amp;O)</translation>
    </message>
    <message>
        <source>Backup settings saved.</source>
        <translation>备份设置已保存。</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Backup written and verified: {path}</source>
        <translation>备份已写入并通过校验：{path}</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>stationapp backups (*.db);;All files (*)</source>
        <translation>stationapp 备份 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checking the backup</source>
        <translation>正在检查备份</translation>
    </message>
    <message>
        <source>Checking {name}…</source>
        <translation>正在检查 {name}…</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Replace the whole database with the backup {name}?</source>
        <translation>用备份 {name} 替换整个数据库吗？</translation>
    </message>
    <message>
        <source>Made: {when}</source>
        <translation>备份时间：{when}</translation>
    </message>
    <message>
        <source>Warning: this file has administrator accounts that are not administrators today: {names}. Restore only a file you trust.</source>
        <translation>警告：此文件中有当前不是管理员的管理员账号：{names}。只恢复您信任的文件。</translation>
    </message>
    <message>
        <source>Everything recorded since then will no longer be in the database; the current database is backed up first, so nothing is lost. Everyone signs in again afterwards.</source>
        <translation>此后登记的所有内容将不再保留在数据库中；程序会先备份当前数据库，因此不会丢失任何数据。恢复后所有人都需要重新登录。</translation>
    </message>
    <message>
        <source>Restore this backup?</source>
        <translation>恢复此备份？</translation>
    </message>
    <message>
        <source>Restoring the backup</source>
        <translation>正在恢复备份</translation>
    </message>
    <message>
        <source>Restoring {name}…</source>
        <translation>正在恢复 {name}…</translation>
    </message>
</context>
<context>
    <name>BookingDialog</name>
    <message>
        <source>Book {room}</source>
        <translation>预约{room}</translation>
    </message>
    <message>
        <source>{room}, {day} from {time}</source>
        <translation>{room}，{day} {time} 起</translation>
    </message>
    <message>
        <source>&amp;Who:</source>
        <translation>预约人(&amp;W)：</translation>
    </message>
    <message>
        <source>Nobody chosen yet: type and press Enter.</source>
        <translation>尚未选择：输入后按回车。</translation>
    </message>
    <message>
        <source> × {minutes} min</source>
        <translation> × {minutes} 分钟</translation>
    </message>
    <message>
        <source>&amp;Length:</source>
        <translation>时长(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Channel:</source>
        <translation>方式(&amp;C)：</translation>
    </message>
    <message>
        <source>With a co&amp;unsellor on duty</source>
        <translation>预约值班心理咨询师(&amp;U)</translation>
    </message>
    <message>
        <source>Only the counsellors and the station head see it; needs health consent.</source>
        <translation>仅心理咨询师和站长可见；需要职工同意处理健康信息。</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>Boo&amp;k</source>
        <translation>预约(&amp;K)</translation>
    </message>
    <message>
        <source>Booking for: {name}</source>
        <translation>预约人：{name}</translation>
    </message>
    <message>
        <source>Find the person first.</source>
        <translation>请先找到预约人。</translation>
    </message>
</context>
<context>
    <name>BoxTableModel</name>
    <message>
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Books</source>
        <translation>册数</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>所在位置</translation>
    </message>
    <message>
        <source>Due back</source>
        <translation>应还日期</translation>
    </message>
    <message>
        <source>At the station</source>
        <translation>在站内</translation>
    </message>
    <message numerus="yes">
        <source>{date} (%n day(s) overdue)</source>
        <translation>
            <numerusform>{date}（逾期 %n 天）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BoxesWidget</name>
    <message>
        <source>Scan books into the selected box</source>
        <translation>把图书扫描装入选中的书箱</translation>
    </message>
    <message>
        <source>Lend to a workplace… (&amp;J)</source>
        <translation>借给单位(&amp;J)…</translation>
    </message>
    <message>
        <source>Scan the books of a box that came back</source>
        <translation>扫描归还书箱中的图书</translation>
    </message>
    <message>
        <source>New bo&amp;x…</source>
        <translation>新建书箱(&amp;X)…</translation>
    </message>
    <message>
        <source>Pa&amp;ck…</source>
        <translation>装箱(&amp;C)…</translation>
    </message>
    <message>
        <source>Retur&amp;n…</source>
        <translation>归还(&amp;N)…</translation>
    </message>
    <message>
        <source>Print handover &amp;sheet…</source>
        <translation>打印交接单(&amp;S)…</translation>
    </message>
    <message>
        <source>Print rec&amp;onciliation…</source>
        <translation>打印清点结果(&amp;O)…</translation>
    </message>
    <message numerus="yes">
        <source>%n box(es)</source>
        <translation>
            <numerusform>%n 个书箱</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lent out</source>
        <translation>
            <numerusform>%n 个已借出</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n 个已逾期</numerusform>
        </translation>
    </message>
    <message>
        <source>Box {name} lent to {workplace} until {date}.</source>
        <translation>书箱{name}已借给{workplace}，应还日期{date}。</translation>
    </message>
    <message>
        <source>Handover sheet</source>
        <translation>交接单</translation>
    </message>
    <message>
        <source>Print the handover sheet for the workplace to sign now?</source>
        <translation>现在打印交接单供接收单位签字吗？</translation>
    </message>
    <message>
        <source>This box has not come back from a loan yet.</source>
        <translation>该书箱还没有归还记录。</translation>
    </message>
</context>
<context>
    <name>BreakdownTableModel</name>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Person-times</source>
        <translation>人次</translation>
    </message>
</context>
<context>
    <name>BuildingDialog</name>
    <message>
        <source>Edit building</source>
        <translation>编辑楼宇</translation>
    </message>
    <message>
        <source>New building</source>
        <translation>新建楼宇</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Union federation</source>
        <translation>楼宇联合会</translation>
    </message>
    <message>
        <source>None yet</source>
        <translation>尚未成立</translation>
    </message>
    <message>
        <source>Known</source>
        <translation>已知</translation>
    </message>
    <message>
        <source>Federation founded</source>
        <translation>联合会成立日期</translation>
    </message>
    <message>
        <source>Federation chair</source>
        <translation>联合会主席</translation>
    </message>
    <message>
        <source>Federation phone</source>
        <translation>联合会电话</translation>
    </message>
</context>
<context>
    <name>BuildingsDialog</name>
    <message>
        <source>Buildings</source>
        <translation>楼宇</translation>
    </message>
    <message>
        <source>Search by name, pinyin or initials</source>
        <translation>按名称、拼音或拼音首字母搜索</translation>
    </message>
    <message>
        <source>&amp;New building…</source>
        <translation>新建楼宇(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Deactivate</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <source>S&amp;how deactivated</source>
        <translation>显示已停用楼宇(&amp;H)</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼宇</translation>
    </message>
    <message>
        <source>Union federation</source>
        <translation>楼宇联合会</translation>
    </message>
    <message>
        <source>Federation chair</source>
        <translation>联合会主席</translation>
    </message>
    <message>
        <source>Workplaces</source>
        <translation>单位数</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>{name} (deactivated)</source>
        <translation>{name}（已停用）</translation>
    </message>
    <message>
        <source>Re&amp;activate</source>
        <translation>重新启用(&amp;A)</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <source>Page Up</source>
        <translation>Page Up 键</translation>
    </message>
    <message>
        <source>◀ Previ&amp;ous month</source>
        <translation>◀ 上个月(&amp;O)</translation>
    </message>
    <message>
        <source>Thi&amp;s month</source>
        <translation>本月(&amp;S)</translation>
    </message>
    <message>
        <source>Ne&amp;xt month ▶</source>
        <translation>下个月(&amp;X) ▶</translation>
    </message>
    <message>
        <source>Page Down</source>
        <translation>Page Down 键</translation>
    </message>
    <message>
        <source>&lt;b&gt;Bold&lt;/b&gt;: big event. &lt;s&gt;Struck through&lt;/s&gt;: cancelled. A highlighted week has no small event.</source>
        <translation>&lt;b&gt;粗体&lt;/b&gt;：大活动。&lt;s&gt;删除线&lt;/s&gt;：已取消。突出显示的周没有小活动。</translation>
    </message>
    <message>
        <source>MMMM yyyy</source>
        <translation>yyyy年M月</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>另有 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Coverage: no big event this month.</source>
        <translation>活动覆盖：本月没有大活动。</translation>
    </message>
    <message numerus="yes">
        <source>Coverage: %n week(s) without a small event: {weeks}</source>
        <translation>
            <numerusform>活动覆盖：%n 周没有小活动：{weeks}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CancelCardDialog</name>
    <message>
        <source>Cancel the card</source>
        <translation>注销京卡</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;On:</source>
        <translation>日期(&amp;O)：</translation>
    </message>
</context>
<context>
    <name>CardOfferButton</name>
    <message>
        <source>Record the 京卡 application of the visit just saved, with its materials</source>
        <translation>为刚保存的来访登记京卡申请及所带材料</translation>
    </message>
    <message>
        <source>Apply for a 京卡 for {name}… (&amp;J)</source>
        <translation>为{name}申请京卡(&amp;J)…</translation>
    </message>
    <message>
        <source>京卡 application recorded for {name}: it waits for the card.</source>
        <translation>已为{name}登记京卡申请，等待制卡。</translation>
    </message>
</context>
<context>
    <name>CardsPage</name>
    <message>
        <source>&amp;Look up a card:</source>
        <translation>查卡(&amp;L)：</translation>
    </message>
    <message>
        <source>Scan or type a card number, Enter</source>
        <translation>扫描或输入卡号，按回车</translation>
    </message>
    <message>
        <source>Report l&amp;ost</source>
        <translation>挂失(&amp;O)</translation>
    </message>
    <message>
        <source>Replace with a &amp;new card…</source>
        <translation>补办新卡(&amp;N)…</translation>
    </message>
    <message>
        <source>Cancel the car&amp;d…</source>
        <translation>注销此卡(&amp;D)…</translation>
    </message>
    <message>
        <source>Waiting for their card (&amp;K):</source>
        <translation>待发卡(&amp;K)：</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting, oldest first</source>
        <translation>
            <numerusform>%n 人待发卡，最早申请的在前</numerusform>
        </translation>
    </message>
    <message>
        <source>No application is waiting for its card. New application: Alt+C.</source>
        <translation>暂无待发卡的申请。新申请：Alt+C。</translation>
    </message>
    <message>
        <source>Card n&amp;umber:</source>
        <translation>卡号(&amp;U)：</translation>
    </message>
    <message>
        <source>Scan or type the number of the chosen row&apos;s card</source>
        <translation>扫描或输入所选申请的新卡卡号</translation>
    </message>
    <message>
        <source>&amp;Issue the card</source>
        <translation>发卡(&amp;I)</translation>
    </message>
    <message>
        <source>New appli&amp;cation…</source>
        <translation>新申请(&amp;C)…</translation>
    </message>
    <message>
        <source>Card &amp;given earlier…</source>
        <translation>登记已有卡(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Join, transfer, leave…</source>
        <translation>入会、转会、退会(&amp;J)…</translation>
    </message>
    <message>
        <source>Choose the application in the list first.</source>
        <translation>请先在列表中选择申请。</translation>
    </message>
    <message>
        <source>Card {number} issued to {name}.</source>
        <translation>已向{name}发放京卡 {number}。</translation>
    </message>
    <message>
        <source>No card with the number {number}.</source>
        <translation>没有卡号为 {number} 的京卡。</translation>
    </message>
    <message>
        <source>issued {day}</source>
        <translation>{day} 发卡</translation>
    </message>
    <message>
        <source>Replace card {number}</source>
        <translation>补办京卡 {number}</translation>
    </message>
</context>
<context>
    <name>CaseDocuments</name>
    <message>
        <source>Application record</source>
        <translation>调解申请记录</translation>
    </message>
    <message>
        <source>Acceptance notice</source>
        <translation>受理通知书</translation>
    </message>
    <message>
        <source>Non-acceptance notice</source>
        <translation>不予受理通知书</translation>
    </message>
    <message>
        <source>Mediation session record</source>
        <translation>调解笔录</translation>
    </message>
    <message>
        <source>Mediation agreement</source>
        <translation>调解协议书</translation>
    </message>
    <message>
        <source>Mediation-failed record</source>
        <translation>调解终止书</translation>
    </message>
    <message>
        <source>Arbitration handover pack</source>
        <translation>移送仲裁材料</translation>
    </message>
    <message>
        <source>This session does not exist.</source>
        <translation>该次调解会议不存在。</translation>
    </message>
</context>
<context>
    <name>CaseFile</name>
    <message>
        <source>Only a closed case has a case file: close the case first (it is “{state}”).</source>
        <translation>只有已结案的案件才有卷宗：请先结案（当前为“{state}”）。</translation>
    </message>
    <message>
        <source>Say why it is kept, or how it was disposed of (destroyed in whose presence, or the archive it went to).</source>
        <translation>请写明延长保管的理由，或处置方式（在谁监督下销毁，或移交的档案馆）。</translation>
    </message>
    <message>
        <source>Keep it until a day after today, at most {n} years on.</source>
        <translation>保管日期须晚于今天，且不超过{n}年。</translation>
    </message>
    <message>
        <source>This file was disposed of on {date}.</source>
        <translation>该卷宗已于{date}处置。</translation>
    </message>
    <message>
        <source>This file&apos;s retention has not ended: nothing to decide yet.</source>
        <translation>该卷宗保管期限未满，暂无需决定。</translation>
    </message>
    <message>
        <source>Case file</source>
        <translation>卷宗</translation>
    </message>
</context>
<context>
    <name>CaseImport</name>
    <message>
        <source>Case number</source>
        <translation>案号</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>申请日期</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>结案日期</translation>
    </message>
    <message>
        <source>Applicants</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Respondent</source>
        <translation>被申请人</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>争议类型</translation>
    </message>
    <message>
        <source>Claims</source>
        <translation>请求事项</translation>
    </message>
    <message>
        <source>Amount claimed</source>
        <translation>请求金额</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>调解结果</translation>
    </message>
    <message>
        <source>Amount agreed</source>
        <translation>协议金额</translation>
    </message>
    <message>
        <source>Amount paid</source>
        <translation>履行金额</translation>
    </message>
    <message>
        <source>Mediator</source>
        <translation>调解员</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Imported from the case ledger {file}, row {row}.</source>
        <translation>由案件台账 {file} 第 {row} 行导入。</translation>
    </message>
    <message>
        <source>“{text}” is not a case number like (2024)建工调字第0012号.</source>
        <translation>“{text}”不是 (2024)建工调字第0012号 这样的案号。</translation>
    </message>
    <message>
        <source>The year of the case number is to come.</source>
        <translation>案号中的年份尚未到来。</translation>
    </message>
    <message>
        <source>“{text}” is not a date; write it as 2024-05-01 or 2024年5月1日.</source>
        <translation>“{text}”不是日期；请写成 2024-05-01 或 2024年5月1日。</translation>
    </message>
    <message>
        <source>This date is required.</source>
        <translation>此日期必须填写。</translation>
    </message>
    <message>
        <source>This date is in the future.</source>
        <translation>此日期在将来。</translation>
    </message>
    <message>
        <source>This date is before 1990.</source>
        <translation>此日期早于 1990 年。</translation>
    </message>
    <message>
        <source>The case was closed before it was received.</source>
        <translation>结案日期早于申请日期。</translation>
    </message>
    <message>
        <source>The spreadsheet stored this number as a number and kept only its first 15 digits; format the column as text and type the number again.</source>
        <translation>表格把此号码存成了数字，只保留了前 15 位；请将该列设为文本格式后重新输入号码。</translation>
    </message>
    <message>
        <source>Write the applicant&apos;s name.</source>
        <translation>请填写申请人姓名。</translation>
    </message>
    <message>
        <source>Give one value per applicant, in the order of the names ({count}).</source>
        <translation>请按申请人姓名的顺序每人填写一项（共 {count} 人）。</translation>
    </message>
    <message>
        <source>Write the employer (the respondent), ≤100 characters.</source>
        <translation>请填写用人单位（被申请人），不超过 100 个字符。</translation>
    </message>
    <message>
        <source>Write the category as one of: {words}.</source>
        <translation>争议类型请填写以下之一：{words}。</translation>
    </message>
    <message>
        <source>Write what the dispute is about, e.g. 拖欠工资、加班费.</source>
        <translation>请填写争议类型，例如 拖欠工资、加班费。</translation>
    </message>
    <message>
        <source>At most 4000 characters.</source>
        <translation>最多 4000 个字符。</translation>
    </message>
    <message>
        <source>Write the amount as a sum of money like 12000.50.</source>
        <translation>金额请写成 12000.50 这样的数额。</translation>
    </message>
    <message>
        <source>Give one amount, or one per category in the order of the categories.</source>
        <translation>请填写一个金额，或按争议类型的顺序每类填写一个金额。</translation>
    </message>
    <message>
        <source>Write how the case ended.</source>
        <translation>请填写案件的调解结果。</translation>
    </message>
    <message>
        <source>“{text}” is not an outcome the import knows; see docs/case-ledger.md.</source>
        <translation>无法识别调解结果“{text}”；请参见 docs/case-ledger.md。</translation>
    </message>
    <message>
        <source>Only a case that ended with an agreement has this amount.</source>
        <translation>只有达成调解协议的案件才有此金额。</translation>
    </message>
    <message>
        <source>At most 20000 characters.</source>
        <translation>最多 20000 个字符。</translation>
    </message>
    <message>
        <source>The file has more than {count} rows; split it.</source>
        <translation>文件超过 {count} 行，请拆分。</translation>
    </message>
    <message>
        <source>The file has no column for the applicants.</source>
        <translation>文件中没有申请人列。</translation>
    </message>
    <message>
        <source>No header row with a 申请人 (applicants) column was found in the first {count} rows.</source>
        <translation>前 {count} 行中没有找到含“申请人”列的表头行。</translation>
    </message>
    <message>
        <source>The ledger has no column for this.</source>
        <translation>台账中没有此列。</translation>
    </message>
    <message>
        <source>The file has no rows to import.</source>
        <translation>文件中没有可导入的行。</translation>
    </message>
    <message>
        <source>This case number is already on file ({number}).</source>
        <translation>此案号已在系统中（{number}）。</translation>
    </message>
    <message>
        <source>The same case number as row {row}.</source>
        <translation>与第 {row} 行案号相同。</translation>
    </message>
    <message>
        <source>This ID number belongs to a deactivated record; reactivate it first.</source>
        <translation>此身份证号属于已停用的记录，请先恢复该记录。</translation>
    </message>
    <message>
        <source>This case seems to be on file already as {number}; give its number.</source>
        <translation>此案件似乎已在系统中，案号为 {number}；请填写其案号。</translation>
    </message>
</context>
<context>
    <name>CaseIntakeDialog</name>
    <message>
        <source>New mediation application</source>
        <translation>新建调解申请</translation>
    </message>
    <message>
        <source>Remove applicant</source>
        <translation>移除申请人</translation>
    </message>
    <message>
        <source>Known</source>
        <translation>已知</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>已终止</translation>
    </message>
    <message>
        <source>&amp;Application</source>
        <translation>申请方式(&amp;A)</translation>
    </message>
    <message>
        <source>A&amp;pplicants</source>
        <translation>申请人(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Respondent (employer)</source>
        <translation>被申请人（用人单位）(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Matters in dispute</source>
        <translation>争议事项(&amp;M)</translation>
    </message>
    <message>
        <source>Reasons and re&amp;quests</source>
        <translation>理由和请求(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Claims</source>
        <translation>请求事项(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Facts</source>
        <translation>事实(&amp;F)</translation>
    </message>
    <message>
        <source>Worker &amp;learned of the infringement</source>
        <translation>知道权利受侵害之日(&amp;L)</translation>
    </message>
    <message>
        <source>Employment e&amp;nded</source>
        <translation>劳动关系终止日(&amp;N)</translation>
    </message>
    <message>
        <source>File appl&amp;ication</source>
        <translation>登记申请(&amp;I)</translation>
    </message>
    <message>
        <source>Required for an oral application (LDMAL Art. 12)</source>
        <translation>口头申请必须填写（《劳动争议调解仲裁法》第十二条）</translation>
    </message>
    <message numerus="yes">
        <source>This employer has %n earlier case(s): {states}</source>
        <translation>
            <numerusform>该用人单位此前已有 %n 件案件：{states}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n applicant(s)</source>
        <translation>
            <numerusform>%n 位申请人</numerusform>
        </translation>
    </message>
    <message>
        <source>: a collective dispute</source>
        <translation>：集体争议</translation>
    </message>
</context>
<context>
    <name>CasePage</name>
    <message>
        <source>Choose a case in the list to see it.</source>
        <translation>请在列表中选择一件案件，以查看其详情。</translation>
    </message>
    <message>
        <source>Print or save as PDF:</source>
        <translation>打印或保存为 PDF：</translation>
    </message>
    <message>
        <source>Preview…</source>
        <translation>预览…</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <source>&amp;Journal</source>
        <translation>办理经过(&amp;J)</translation>
    </message>
    <message>
        <source>Overview (&amp;0)</source>
        <translation>概况(&amp;0)</translation>
    </message>
    <message>
        <source>&amp;Sessions</source>
        <translation>调解会议(&amp;S)</translation>
    </message>
    <message>
        <source>A&amp;greement</source>
        <translation>调解协议(&amp;G)</translation>
    </message>
    <message>
        <source>Record a follow-up visit…</source>
        <translation>登记回访…</translation>
    </message>
    <message>
        <source>Fo&amp;llow-ups</source>
        <translation>回访(&amp;L)</translation>
    </message>
    <message>
        <source>Doc&amp;uments</source>
        <translation>文书(&amp;U)</translation>
    </message>
    <message>
        <source>Case file boo&amp;klet</source>
        <translation>卷宗(&amp;K)</translation>
    </message>
    <message>
        <source>Decide…</source>
        <translation>处理决定…</translation>
    </message>
    <message>
        <source>overdue: close as failed or record an agreed extension</source>
        <translation>已逾期：请按调解不成结案，或登记双方同意的延期</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>申请方式</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>申请日期</translation>
    </message>
    <message>
        <source>Applicants</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source> (collective dispute)</source>
        <translation>（集体争议）</translation>
    </message>
    <message>
        <source>Respondent</source>
        <translation>被申请人</translation>
    </message>
    <message>
        <source>Mediator</source>
        <translation>调解员</translation>
    </message>
    <message>
        <source>Mediation due</source>
        <translation>调解期限</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>延期</translation>
    </message>
    <message>
        <source>Joint review window ends</source>
        <translation>共同申请仲裁审查期限届满</translation>
    </message>
    <message>
        <source>Arbitration limitation</source>
        <translation>仲裁时效</translation>
    </message>
    <message>
        <source>Employer&apos;s earlier cases</source>
        <translation>该用人单位以往案件</translation>
    </message>
    <message numerus="yes">
        <source>%n earlier case(s)</source>
        <translation>
            <numerusform>以往案件 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Related mediator, reason</source>
        <translation>指派关联调解员的理由</translation>
    </message>
    <message>
        <source>payment order possible</source>
        <translation>可申请支付令</translation>
    </message>
    <message>
        <source>Claims</source>
        <translation>请求事项</translation>
    </message>
    <message>
        <source>Matters in dispute</source>
        <translation>争议事项</translation>
    </message>
    <message>
        <source>Reasons and requests</source>
        <translation>理由和请求</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>事实</translation>
    </message>
    <message>
        <source>Decision reason</source>
        <translation>决定理由</translation>
    </message>
    <message>
        <source>signed</source>
        <translation>已签名</translation>
    </message>
    <message>
        <source>not signed</source>
        <translation>未签名</translation>
    </message>
    <message>
        <source>Re&amp;cord a session…</source>
        <translation>记录调解会议(&amp;C)…</translation>
    </message>
    <message>
        <source>Back to me&amp;diation</source>
        <translation>退回调解(&amp;D)</translation>
    </message>
    <message>
        <source>Ac&amp;cept</source>
        <translation>受理(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Do not accept…</source>
        <translation>不予受理(&amp;D)…</translation>
    </message>
    <message>
        <source>Start med&amp;iation</source>
        <translation>开始调解(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Draft an agreement</source>
        <translation>起草调解协议(&amp;D)</translation>
    </message>
    <message>
        <source>Med&amp;iation failed…</source>
        <translation>调解不成(&amp;I)…</translation>
    </message>
    <message>
        <source>Refer to arb&amp;itration</source>
        <translation>移送仲裁(&amp;I)</translation>
    </message>
    <message>
        <source>Performan&amp;ce begins</source>
        <translation>开始履行(&amp;C)</translation>
    </message>
    <message>
        <source>Performed &amp;in full</source>
        <translation>已全部履行(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Close the case</source>
        <translation>结案(&amp;C)</translation>
    </message>
    <message>
        <source>Ar&amp;chive</source>
        <translation>归档(&amp;C)</translation>
    </message>
    <message>
        <source>Re&amp;spondent declines…</source>
        <translation>被申请人拒绝调解(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Withdrawn…</source>
        <translation>撤回申请(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Not performed…</source>
        <translation>未履行(&amp;N)…</translation>
    </message>
    <message>
        <source>E&amp;xtend…</source>
        <translation>延期(&amp;X)…</translation>
    </message>
    <message>
        <source>Assi&amp;gn mediator…</source>
        <translation>指派调解员(&amp;G)…</translation>
    </message>
    <message>
        <source>M&amp;ore</source>
        <translation>更多(&amp;O)</translation>
    </message>
    <message>
        <source>Other steps for this case</source>
        <translation>本案的其他操作</translation>
    </message>
    <message>
        <source>Only a closed case has a case file.</source>
        <translation>案件结案后才能整理卷宗。</translation>
    </message>
    <message>
        <source>Disposed of on {date}: {note}</source>
        <translation>已于{date}处置：{note}</translation>
    </message>
    <message>
        <source>Retention ended on {date}: decide what becomes of the file.</source>
        <translation>保管期限已于{date}届满，请决定卷宗的处理方式。</translation>
    </message>
    <message>
        <source>Kept until {date}</source>
        <translation>保管至 {date}</translation>
    </message>
    <message>
        <source>Record a session first.</source>
        <translation>请先记录一次调解会议。</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>保存 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
    <message>
        <source>The decision on the file is recorded.</source>
        <translation>卷宗处理决定已记录。</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <source>Case number</source>
        <translation>案号</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>申请日期</translation>
    </message>
    <message>
        <source>Applicants</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Respondent</source>
        <translation>被申请人</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Mediation due</source>
        <translation>调解期限</translation>
    </message>
    <message numerus="yes">
        <source>{names} and %n more</source>
        <translation>
            <numerusform>{names} 及另外 %n 人</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CasesTab</name>
    <message>
        <source>&amp;New application…</source>
        <translation>新建申请(&amp;N)…</translation>
    </message>
    <message>
        <source>File a mediation application (Ctrl+N)</source>
        <translation>登记调解申请（Ctrl+N）</translation>
    </message>
    <message>
        <source>Search: case number, applicant or employer (Ctrl+F)</source>
        <translation>搜索：案号、申请人或用人单位（Ctrl+F）</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Open cases only</source>
        <translation>仅显示未结案件</translation>
    </message>
    <message>
        <source>E&amp;xport ledger…</source>
        <translation>导出台账(&amp;X)…</translation>
    </message>
    <message>
        <source>M&amp;y cases</source>
        <translation>我的案件(&amp;Y)</translation>
    </message>
    <message>
        <source>No cases match.</source>
        <translation>没有符合条件的案件。</translation>
    </message>
    <message>
        <source>Applications you filed (number and state):</source>
        <translation>您登记的申请（案号及状态）：</translation>
    </message>
    <message numerus="yes">
        <source>%n cases</source>
        <translation>
            <numerusform>共 %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deadlines: %n overdue</source>
        <translation>
            <numerusform>期限提醒：%n 件已逾期</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n due within 3 days</source>
        <translation>
            <numerusform>%n 件将在 3 天内到期</numerusform>
        </translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Application filed: {number}.</source>
        <translation>申请已登记：{number}。</translation>
    </message>
    <message>
        <source>Export the case ledger</source>
        <translation>导出案件台账</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n cases to {path}</source>
        <translation>
            <numerusform>已将 %n 件案件导出到 {path}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CatalogueDialog</name>
    <message>
        <source>Service catalogue</source>
        <translation>服务目录</translation>
    </message>
    <message>
        <source>&amp;New service</source>
        <translation>新建服务项目(&amp;N)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Legal or policy basis</source>
        <translation>办理依据</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>所需材料</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>办理流程</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>收费标准</translation>
    </message>
    <message>
        <source>Place and contact</source>
        <translation>办理地点及联系方式</translation>
    </message>
    <message>
        <source>Checks at the desk</source>
        <translation>前台核验条件</translation>
    </message>
    <message>
        <source>Who qualifies</source>
        <translation>办理条件</translation>
    </message>
    <message>
        <source>Offered (untick to retire the service)</source>
        <translation>提供此服务（取消勾选即停用）</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>{name} (retired)</source>
        <translation>{name}（已停用）</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>免费</translation>
    </message>
    <message>
        <source>Saved: {name}. The next visit uses it.</source>
        <translation>已保存：{name}。下一次来访登记即使用新内容。</translation>
    </message>
</context>
<context>
    <name>CatalogueWidget</name>
    <message>
        <source>Barcode labels</source>
        <translation>条码标签</translation>
    </message>
    <message>
        <source>Search: title, author, their pinyin or initials, or scan an ISBN (Ctrl+F)</source>
        <translation>搜索：书名、作者、拼音或首字母，或扫描 ISBN（Ctrl+F）</translation>
    </message>
    <message>
        <source>&amp;New title…</source>
        <translation>新增书目(&amp;N)…</translation>
    </message>
    <message>
        <source>Add a title to the catalogue (Ctrl+N)</source>
        <translation>向馆藏目录添加书目（Ctrl+N）</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Import a catalogue from an Excel workbook (.xlsx) or a CSV file</source>
        <translation>从 Excel 工作簿（.xlsx）或 CSV 文件导入馆藏目录</translation>
    </message>
    <message>
        <source>Circulation &amp;rules…</source>
        <translation>借阅规则(&amp;R)…</translation>
    </message>
    <message>
        <source>List and find deactivated titles too</source>
        <translation>同时列出和搜索已停用的书目</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>馆藏地点</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Accession number</source>
        <translation>登录号</translation>
    </message>
    <message>
        <source>Edit &amp;copy…</source>
        <translation>编辑复本(&amp;C)…</translation>
    </message>
    <message>
        <source>Withdraw the copy, record it lost or damaged, or put it back on the shelf</source>
        <translation>剔除复本、登记丢失或损坏，或重新上架</translation>
    </message>
    <message>
        <source>Barcode labels for the chosen copies, or all copies of the title</source>
        <translation>为选中的复本打印条码标签，未选中时为该书目的全部复本</translation>
    </message>
    <message>
        <source>&amp;Deactivate title</source>
        <translation>停用书目(&amp;D)</translation>
    </message>
    <message>
        <source>M&amp;ore</source>
        <translation>更多(&amp;O)</translation>
    </message>
    <message>
        <source>Show deactivated titles, deactivate or delete, import, circulation rules</source>
        <translation>显示已停用书目，停用或删除，导入，借阅规则</translation>
    </message>
    <message>
        <source>S&amp;how deactivated titles</source>
        <translation>显示已停用书目(&amp;H)</translation>
    </message>
    <message>
        <source>Take the title out of the catalogue: its copies on the shelf are withdrawn, its loans stay on record</source>
        <translation>将书目移出馆藏目录：其在架复本将被剔除，借阅记录予以保留</translation>
    </message>
    <message>
        <source>Reacti&amp;vate title</source>
        <translation>重新启用书目(&amp;V)</translation>
    </message>
    <message>
        <source>Dele&amp;te title…</source>
        <translation>删除书目(&amp;T)…</translation>
    </message>
    <message>
        <source>Delete a title entered by mistake, with its copies; one with loans is kept</source>
        <translation>删除误录入的书目及其复本；有借阅记录的书目将予以保留</translation>
    </message>
    <message>
        <source>Delete c&amp;opy…</source>
        <translation>删除复本(&amp;O)…</translation>
    </message>
    <message>
        <source>Delete a copy added by mistake; a copy ever lent is withdrawn instead</source>
        <translation>删除误添加的复本；借出过的复本将改为剔除</translation>
    </message>
    <message>
        <source>Edit title… (Enter)</source>
        <translation>编辑书目… (Enter)</translation>
    </message>
    <message>
        <source>Add cop&amp;y…</source>
        <translation>添加复本(&amp;Y)…</translation>
    </message>
    <message>
        <source>Withdraw copy… (&amp;X)</source>
        <translation>剔除复本(&amp;X)…</translation>
    </message>
    <message>
        <source>Print label&amp;s…</source>
        <translation>打印条码标签(&amp;S)…</translation>
    </message>
    <message numerus="yes">
        <source>%n found</source>
        <translation>
            <numerusform>找到 %n 条</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n title(s)</source>
        <translation>
            <numerusform>共 %n 种书目</numerusform>
        </translation>
    </message>
    <message>
        <source>No title matches “{query}”.
Press Enter or Ctrl+N to add it.</source>
        <translation>没有与“{query}”相符的书目。
按回车键或 Ctrl+N 添加。</translation>
    </message>
    <message>
        <source>The catalogue is empty.
Press Ctrl+N to add a title, or import a spreadsheet of the collection.</source>
        <translation>馆藏目录还是空的。
按 Ctrl+N 添加书目，或导入馆藏表格。</translation>
    </message>
    <message>
        <source>Choose a title to see its copies.</source>
        <translation>选择一种书目以查看其复本。</translation>
    </message>
    <message>
        <source>(deactivated)</source>
        <translation>（已停用）</translation>
    </message>
    <message numerus="yes">
        <source>%n reservation(s) waiting</source>
        <translation>
            <numerusform>%n 个预约在等候</numerusform>
        </translation>
    </message>
    <message>
        <source>No reservations</source>
        <translation>无预约</translation>
    </message>
    <message>
        <source>ISBN {isbn} is not in the catalogue; ask a librarian to add it.</source>
        <translation>ISBN {isbn} 不在馆藏目录中，请图书管理员添加。</translation>
    </message>
    <message>
        <source>“{title}” is back in the catalogue. Its withdrawn copies stay withdrawn: put each one back on the shelf with “Withdraw copy…”.</source>
        <translation>“{title}”已重新列入馆藏目录。已剔除的复本仍为剔除状态，请通过“剔除复本…”逐册重新上架。</translation>
    </message>
    <message>
        <source>“{title}” is deactivated: no longer in the catalogue, its copies on the shelf withdrawn, its loans kept. Choose “More ▸ Show deactivated titles” to find it again.</source>
        <translation>“{title}”已停用：不再列入馆藏目录，在架复本已剔除，借阅记录予以保留。选择“更多 ▸ 显示已停用书目”可再次找到该书目。</translation>
    </message>
    <message numerus="yes">
        <source>“{title}” and its %n copy(ies)</source>
        <translation>
            <numerusform>“{title}”及其 %n 册复本</numerusform>
        </translation>
    </message>
    <message>
        <source>Deactivate “{title}” instead?</source>
        <translation>改为停用“{title}”？</translation>
    </message>
    <message>
        <source>“{title}” was deleted.</source>
        <translation>“{title}”已删除。</translation>
    </message>
    <message>
        <source>copy {code}</source>
        <translation>复本 {code}</translation>
    </message>
    <message>
        <source>Withdraw copy {code} instead?</source>
        <translation>改为剔除复本 {code}？</translation>
    </message>
    <message>
        <source>Copy {code} was deleted.</source>
        <translation>复本 {code} 已删除。</translation>
    </message>
    <message>
        <source>Copy {code} was withdrawn.</source>
        <translation>复本 {code} 已剔除。</translation>
    </message>
    <message>
        <source>Import catalogue</source>
        <translation>导入馆藏目录</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation>表格文件 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Checking the file…</source>
        <translation>正在检查文件…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was imported.</source>
        <translation>已取消导入，未导入任何内容。</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n copies of {titles} title(s), {existing} of them already in the catalogue.</source>
        <translation>
            <numerusform>已导入 {titles} 种书目的 %n 册复本，其中 {existing} 种书目原已在馆藏目录中。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n copies of {titles} title(s).</source>
        <translation>
            <numerusform>已导入 {titles} 种书目的 %n 册复本。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Print barcode labels for the %n new copies?</source>
        <translation>
            <numerusform>为新增的 %n 册复本打印条码标签吗？</numerusform>
        </translation>
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
    <name>CheckDialog</name>
    <message>
        <source>Open-affairs check</source>
        <translation>厂务公开检查</translation>
    </message>
    <message>
        <source>Record an open-affairs check</source>
        <translation>登记厂务公开检查</translation>
    </message>
    <message>
        <source>&amp;Checked on:</source>
        <translation>检查日期(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Rating:</source>
        <translation>评价(&amp;R)：</translation>
    </message>
    <message>
        <source>e.g. 公开栏按季度更新，工资调整方案已公示</source>
        <translation>如：公开栏按季度更新，工资调整方案已公示</translation>
    </message>
    <message>
        <source>&amp;Findings:</source>
        <translation>检查发现(&amp;F)：</translation>
    </message>
    <message>
        <source>What the workplace will do, when we check again</source>
        <translation>单位如何整改、何时复查</translation>
    </message>
    <message>
        <source>Follow-&amp;up:</source>
        <translation>后续跟进(&amp;U)：</translation>
    </message>
</context>
<context>
    <name>CirculationWidget</name>
    <message>
        <source>&amp;Scan:</source>
        <translation>扫描(&amp;S)：</translation>
    </message>
    <message>
        <source>Scan a card, a book, an ISBN or a box</source>
        <translation>扫描借阅证、图书、ISBN 或书箱条码</translation>
    </message>
    <message>
        <source>Undo (Ctrl+Z)</source>
        <translation>撤销 (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Borrower</source>
        <translation>借阅人</translation>
    </message>
    <message>
        <source>Clear borrower (Esc)</source>
        <translation>清除借阅人 (Esc)</translation>
    </message>
    <message>
        <source>Books on loan (Up/Down to choose):</source>
        <translation>在借图书（上下键选择）：</translation>
    </message>
    <message>
        <source>Renew (Ctrl+R)</source>
        <translation>续借 (Ctrl+R)</translation>
    </message>
    <message>
        <source>Reservations:</source>
        <translation>预约：</translation>
    </message>
    <message>
        <source>Reserve a title… (Ctrl+H)</source>
        <translation>预约图书… (Ctrl+H)</translation>
    </message>
    <message>
        <source>Cancel reservation</source>
        <translation>取消预约</translation>
    </message>
    <message>
        <source>&lt;b&gt;No card?&lt;/b&gt; Find the borrower by name (Ctrl+F):</source>
        <translation>&lt;b&gt;没有卡？&lt;/b&gt;按姓名查找借阅人 (Ctrl+F)：</translation>
    </message>
    <message>
        <source>Enter, Tab: act on the scanned code
Esc: clear the borrower
Ctrl+Z: undo the last loan or return
Ctrl+R: renew the chosen loan
Ctrl+H: reserve a title</source>
        <translation>Enter、Tab：处理扫描的条码
Esc：清除借阅人
Ctrl+Z：撤销上一次借出或归还
Ctrl+R：续借所选图书
Ctrl+H：预约图书</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Scan the borrower&apos;s card, then the books. Scan a book alone to return it.</source>
        <translation>先扫描借阅人的卡，再扫描图书。直接扫描图书即为归还。</translation>
    </message>
    <message>
        <source>Borrower cleared: {name}</source>
        <translation>已清除借阅人：{name}</translation>
    </message>
    <message>
        <source>Borrower cleared</source>
        <translation>已清除借阅人</translation>
    </message>
    <message numerus="yes">
        <source>Nothing was scanned for %n minute(s), so {name} is no longer the borrower. Scan the next reader&apos;s card.</source>
        <translation>
            <numerusform>已 %n 分钟未扫描，{name} 不再是当前借阅人。请扫描下一位读者的借阅证。</numerusform>
        </translation>
    </message>
    <message>
        <source>Scan the borrower&apos;s card first, then choose the copy.</source>
        <translation>请先扫描借阅人的卡，再选择复本。</translation>
    </message>
    <message>
        <source>Lent: {title}, due {date}.</source>
        <translation>已借出：{title}，应还日期 {date}。</translation>
    </message>
    <message>
        <source>Scan the borrower&apos;s card first.</source>
        <translation>请先扫描借阅人的卡。</translation>
    </message>
    <message>
        <source>{name} has no book on loan.</source>
        <translation>{name}没有在借图书。</translation>
    </message>
    <message>
        <source>Choose the loan to renew with Up/Down, then Ctrl+R.</source>
        <translation>请用上下键选择要续借的图书，再按 Ctrl+R。</translation>
    </message>
    <message>
        <source>Renewed: {title}, now due {date}.</source>
        <translation>已续借：{title}，应还日期改为 {date}。</translation>
    </message>
    <message>
        <source>Renewed: {title}</source>
        <translation>已续借：{title}</translation>
    </message>
    <message>
        <source>Now due {date}</source>
        <translation>应还日期：{date}</translation>
    </message>
    <message>
        <source>Scan the borrower&apos;s card first, then reserve a title.</source>
        <translation>请先扫描借阅人的卡，再预约图书。</translation>
    </message>
    <message>
        <source>Reserved: {title} for {name}.</source>
        <translation>已为{name}预约：{title}。</translation>
    </message>
    <message>
        <source>Reserved: {title}</source>
        <translation>已预约：{title}</translation>
    </message>
    <message numerus="yes">
        <source>{name} is number %n in the queue.</source>
        <translation>
            <numerusform>{name}排在预约队列第 %n 位。</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose the reservation to cancel.</source>
        <translation>请选择要取消的预约。</translation>
    </message>
    <message>
        <source>Reservation cancelled.</source>
        <translation>预约已取消。</translation>
    </message>
    <message>
        <source>Undone: {title} was not lent.</source>
        <translation>已撤销：{title}未借出。</translation>
    </message>
    <message>
        <source>Undone: {title} is on loan again.</source>
        <translation>已撤销：{title}恢复为借出状态。</translation>
    </message>
    <message>
        <source>Add the title in the catalogue.</source>
        <translation>请在书目中添加这本书。</translation>
    </message>
    <message>
        <source>Opening the box…</source>
        <translation>正在打开书箱…</translation>
    </message>
    <message numerus="yes">
        <source>Borrowing suspended: %n overdue book(s). Returns are welcome.</source>
        <translation>
            <numerusform>暂停借阅：有 %n 本图书逾期。可以办理归还。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n book(s) on loan; scan the books to lend.</source>
        <translation>
            <numerusform>在借 %n 本；请扫描要借出的图书。</numerusform>
        </translation>
    </message>
    <message>
        <source>Lent: {title}</source>
        <translation>已借出：{title}</translation>
    </message>
    <message>
        <source>To {name}, due back {date}</source>
        <translation>借阅人：{name}，应还日期 {date}</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) late. No fine: thank the borrower.</source>
        <translation>
            <numerusform>逾期 %n 天。不收罚款，请向借阅人致谢。</numerusform>
        </translation>
    </message>
    <message>
        <source>On time.</source>
        <translation>按时归还。</translation>
    </message>
    <message>
        <source>Set aside for {name}, who reserved it.</source>
        <translation>请预留给预约人：{name}。</translation>
    </message>
    <message>
        <source>It was lent to {name}, not to {borrower}.</source>
        <translation>此书借给的是 {name}，不是 {borrower}。</translation>
    </message>
    <message>
        <source>No reservation waits for it: back to the shelf.</source>
        <translation>无人预约此书：请放回书架。</translation>
    </message>
    <message>
        <source>Returned: {title}</source>
        <translation>已归还：{title}</translation>
    </message>
    <message>
        <source>no location</source>
        <translation>无馆藏位置</translation>
    </message>
    <message>
        <source>Up/Down to choose, Enter to lend, Esc to cancel.</source>
        <translation>上下键选择，Enter 借出，Esc 取消。</translation>
    </message>
    <message>
        <source>No borrower: scan a card</source>
        <translation>未选借阅人：请扫描借阅证</translation>
    </message>
    <message>
        <source>no phone</source>
        <translation>无电话</translation>
    </message>
    <message>
        <source>{loans} of {limit} books on loan</source>
        <translation>在借 {loans} 本，最多 {limit} 本</translation>
    </message>
    <message numerus="yes">
        <source>Borrowing suspended: %n overdue book(s) must come back first.</source>
        <translation>
            <numerusform>暂停借阅：须先归还 %n 本逾期图书。</numerusform>
        </translation>
    </message>
    <message>
        <source>{title}: ready, on the hold shelf</source>
        <translation>{title}：已到书，在预约架上</translation>
    </message>
    <message>
        <source>{title}: waiting since {date}</source>
        <translation>{title}：自 {date} 起等待</translation>
    </message>
</context>
<context>
    <name>ClaimDialog</name>
    <message>
        <source>Claim</source>
        <translation>理赔</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>Save the chec&amp;klist</source>
        <translation>保存材料核对(&amp;K)</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Materials &amp;missing:</source>
        <translation>所缺材料(&amp;M)：</translation>
    </message>
    <message>
        <source>Amount appro&amp;ved (yuan):</source>
        <translation>核准金额（元）(&amp;V)：</translation>
    </message>
    <message>
        <source>Why ano&amp;ther amount:</source>
        <translation>金额调整原因(&amp;T)：</translation>
    </message>
    <message>
        <source>Why re&amp;fused:</source>
        <translation>拒付理由(&amp;F)：</translation>
    </message>
    <message>
        <source>Paid o&amp;n:</source>
        <translation>支付日期(&amp;N)：</translation>
    </message>
    <message>
        <source>Amount pai&amp;d (yuan):</source>
        <translation>支付金额（元）(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Return for materials</source>
        <translation>退回补材料(&amp;R)</translation>
    </message>
    <message>
        <source>Submit a&amp;gain</source>
        <translation>重新提交(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>核准(&amp;A)</translation>
    </message>
    <message>
        <source>Refu&amp;se</source>
        <translation>拒付(&amp;S)</translation>
    </message>
    <message>
        <source>Record the pa&amp;yment</source>
        <translation>登记支付(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Worker: {name}</source>
        <translation>职工：{name}</translation>
    </message>
    <message>
        <source>Plan: {plan}</source>
        <translation>保障项目：{plan}</translation>
    </message>
    <message>
        <source>State: {state}</source>
        <translation>状态：{state}</translation>
    </message>
    <message>
        <source>In hospital: {admitted} to {discharged}</source>
        <translation>住院：{admitted} 至 {discharged}</translation>
    </message>
    <message>
        <source>Event: {day}</source>
        <translation>出险日期：{day}</translation>
    </message>
    <message>
        <source>Claimed on {day}; the deadline was {deadline}.</source>
        <translation>申请日期 {day}；截止日期 {deadline}。</translation>
    </message>
    <message>
        <source>Accepted late: {reason}</source>
        <translation>逾期受理：{reason}</translation>
    </message>
    <message>
        <source>Total {total} yuan, medical insurance {insurance}, claimed {claimed}; by the rules {computed} yuan.</source>
        <translation>医疗费用总额 {total} 元，医保支付 {insurance}，申请 {claimed}；按规则计算 {computed} 元。</translation>
    </message>
    <message>
        <source>The yearly cap leaves {left} yuan besides this claim.</source>
        <translation>除本笔外，本年度保障限额尚余 {left} 元。</translation>
    </message>
    <message>
        <source>Approved: {amount} yuan on {day}.</source>
        <translation>核准：{amount} 元（{day}）。</translation>
    </message>
    <message>
        <source>Why another amount: {reason}</source>
        <translation>金额调整原因：{reason}</translation>
    </message>
    <message>
        <source>Paid: {amount} yuan on {day}.</source>
        <translation>已支付：{amount} 元（{day}）。</translation>
    </message>
    <message>
        <source>Returned for: {reason}</source>
        <translation>退回原因：{reason}</translation>
    </message>
    <message>
        <source>Refused: {reason}</source>
        <translation>拒付理由：{reason}</translation>
    </message>
    <message>
        <source>Diagnosis: {text}</source>
        <translation>诊断：{text}</translation>
    </message>
    <message>
        <source>Notes: {text}</source>
        <translation>备注：{text}</translation>
    </message>
    <message>
        <source>Still missing: {names}</source>
        <translation>仍缺材料：{names}</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>职工</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>保障项目</translation>
    </message>
    <message>
        <source>Admitted / event</source>
        <translation>入院 / 出险日期</translation>
    </message>
    <message>
        <source>Discharged</source>
        <translation>出院日期</translation>
    </message>
    <message>
        <source>Claimed on</source>
        <translation>申请日期</translation>
    </message>
    <message>
        <source>Total expenses (yuan)</source>
        <translation>医疗费用总额（元）</translation>
    </message>
    <message>
        <source>Paid by medical insurance (yuan)</source>
        <translation>医保支付（元）</translation>
    </message>
    <message>
        <source>Amount claimed (yuan)</source>
        <translation>申请金额（元）</translation>
    </message>
    <message>
        <source>Amount by the rules (yuan)</source>
        <translation>按规则计算（元）</translation>
    </message>
    <message>
        <source>Amount approved (yuan)</source>
        <translation>核准金额（元）</translation>
    </message>
    <message>
        <source>Why another amount</source>
        <translation>金额调整原因</translation>
    </message>
    <message>
        <source>Amount paid (yuan)</source>
        <translation>支付金额（元）</translation>
    </message>
    <message>
        <source>Paid on</source>
        <translation>支付日期</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>Worker&apos;s signature: ____________   Date: __________</source>
        <translation>职工签名：____________   日期：__________</translation>
    </message>
    <message>
        <source>Mutual-aid claim</source>
        <translation>互助保障理赔</translation>
    </message>
</context>
<context>
    <name>ClaimTableModel</name>
    <message>
        <source>Claimed on</source>
        <translation>申请日期</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>职工</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>保障项目</translation>
    </message>
    <message>
        <source>Claimed</source>
        <translation>申请金额</translation>
    </message>
    <message>
        <source>By the rules</source>
        <translation>按规则计算</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>核准金额</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>支付金额</translation>
    </message>
</context>
<context>
    <name>ClaimsTable</name>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>What is claimed</source>
        <translation>请求内容</translation>
    </message>
    <message>
        <source>A&amp;dd claim</source>
        <translation>添加请求事项(&amp;D)</translation>
    </message>
    <message>
        <source>Remove claim</source>
        <translation>删除请求事项</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>Creating the demo database {path} first (this takes a minute or two)…</source>
        <translation>先创建演示数据库 {path}（需要一两分钟）…</translation>
    </message>
    <message>
        <source>Demo database</source>
        <translation>演示数据库</translation>
    </message>
    <message>
        <source>The demo database cannot be built here: {reason}</source>
        <translation>无法在此创建演示数据库：{reason}</translation>
    </message>
    <message>
        <source>There is no database at {path} to back up.</source>
        <translation>{path} 处没有可备份的数据库。</translation>
    </message>
    <message>
        <source>Backup written and verified: {path}</source>
        <translation>备份已写入并通过校验：{path}</translation>
    </message>
    <message>
        <source>The database {path} cannot be read ({reason}): the file is damaged or is not a database. Nothing was changed; restore a backup with: stationapp restore FILE</source>
        <translation>无法读取数据库 {path}（{reason}）：文件已损坏或不是数据库。未做任何改动；请用以下命令从备份恢复：stationapp restore 文件</translation>
    </message>
    <message>
        <source>The backup cannot be written to {path}: {reason}</source>
        <translation>无法将备份写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>Backup {path}, schema version {version}:</source>
        <translation>备份 {path}，数据库结构版本 {version}：</translation>
    </message>
    <message>
        <source>Add --yes to restore without a question.</source>
        <translation>加上 --yes 可不经确认直接恢复。</translation>
    </message>
    <message>
        <source>Replace the database {target} with this backup? [y/N] </source>
        <translation>用此备份替换数据库 {target} 吗？[y/N] </translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>未做任何更改。</translation>
    </message>
    <message>
        <source>The previous database was saved as {path}.</source>
        <translation>原数据库已另存为 {path}。</translation>
    </message>
    <message>
        <source>Restored {target} from {path}.</source>
        <translation>已从 {path} 恢复 {target}。</translation>
    </message>
    <message>
        <source>Cannot write a report as “{suffix}”: name the file .xlsx or .pdf.</source>
        <translation>无法将报表写成“{suffix}”格式：请将文件命名为 .xlsx 或 .pdf。</translation>
    </message>
    <message>
        <source>There is no folder {folder} to write the report in.</source>
        <translation>没有可写入报表的文件夹 {folder}。</translation>
    </message>
    <message>
        <source>The report cannot be written to {path}: permission denied.</source>
        <translation>无法将报表写入 {path}：没有权限。</translation>
    </message>
    <message>
        <source>There is no database at {path}.</source>
        <translation>{path} 处没有数据库。</translation>
    </message>
    <message>
        <source>Cannot export as “{suffix}”: name the file .xlsx or .csv.</source>
        <translation>无法导出为“{suffix}”：请将文件命名为 .xlsx 或 .csv。</translation>
    </message>
    <message>
        <source>There is no folder {folder} to write the export in.</source>
        <translation>没有用于写入导出文件的文件夹 {folder}。</translation>
    </message>
    <message>
        <source>The export cannot be written to {path}: permission denied.</source>
        <translation>无法将导出文件写入 {path}：没有权限。</translation>
    </message>
    <message>
        <source>The export cannot be written to {path}: {reason}</source>
        <translation>无法将导出文件写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>Exported %n people to {path}</source>
        <translation>已导出 %n 人到 {path}</translation>
    </message>
    <message>
        <source>Write --column as FIELD=HEADER, e.g. phone=联系电话.</source>
        <translation>--column 请写成 字段=表头，例如 phone=联系电话。</translation>
    </message>
    <message>
        <source>There is no file {path}.</source>
        <translation>文件 {path} 不存在。</translation>
    </message>
    <message>
        <source>The refused rows cannot be written beside {path}: {reason}</source>
        <translation>无法在 {path} 旁写入未导入的行：{reason}</translation>
    </message>
    <message>
        <source>Columns not imported: {names}</source>
        <translation>未导入的列：{names}</translation>
    </message>
    <message>
        <source>Imported {rows} rows: {created} people added, {filled} on file completed, {unchanged} on file unchanged, {workplaces} workplaces added.</source>
        <translation>已导入 {rows} 行：新增 {created} 人，补全已有档案 {filled} 人，已有档案未变 {unchanged} 人，新增工作单位 {workplaces} 个。</translation>
    </message>
    <message>
        <source>{count} rows were refused; they are in {path} with the reasons.</source>
        <translation>{count} 行未导入，已连同原因写入 {path}。</translation>
    </message>
    <message>
        <source>Imported {cases} closed cases ({numbered} given a number), {people} people and {organizations} employers added.</source>
        <translation>已导入 {cases} 件已结案件（其中 {numbered} 件新编案号），新增 {people} 人、{organizations} 家用人单位。</translation>
    </message>
    <message>
        <source>There is no active staff account “{user}”: name one with --user.</source>
        <translation>没有在用的工作人员账号“{user}”：请用 --user 指定一个。</translation>
    </message>
    <message>
        <source>The report cannot be written to {path}: {reason}</source>
        <translation>无法将报表写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>Report for {period} written: {path}</source>
        <translation>{period} 的报表已写入：{path}</translation>
    </message>
</context>
<context>
    <name>CollectedDialog</name>
    <message>
        <source>Collected for {name}</source>
        <translation>代{name}领取</translation>
    </message>
    <message>
        <source>&amp;Collected by:</source>
        <translation>代领人(&amp;C)：</translation>
    </message>
    <message>
        <source>Spouse</source>
        <translation>配偶</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>子女</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>父母</translation>
    </message>
    <message>
        <source>Colleague</source>
        <translation>同事</translation>
    </message>
    <message>
        <source>Workplace union</source>
        <translation>单位工会</translation>
    </message>
    <message>
        <source>&amp;Relation:</source>
        <translation>关系(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Deliver</source>
        <translation>发放(&amp;D)</translation>
    </message>
</context>
<context>
    <name>CongressDialog</name>
    <message>
        <source>Workers&apos; congress</source>
        <translation>职工代表大会</translation>
    </message>
    <message>
        <source>Record a workers&apos; congress</source>
        <translation>登记职代会</translation>
    </message>
    <message>
        <source>&amp;Held on:</source>
        <translation>召开日期(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>Delegates present (at an assembly, employees present)</source>
        <translation>到会代表人数（职工大会为到会职工人数）</translation>
    </message>
    <message>
        <source>&amp;Delegates present:</source>
        <translation>到会代表(&amp;D)：</translation>
    </message>
    <message>
        <source>e.g. 审议通过工资调整方案、员工手册修订稿</source>
        <translation>如：审议通过工资调整方案、员工手册修订稿</translation>
    </message>
    <message>
        <source>&amp;Matters decided:</source>
        <translation>审议事项(&amp;M)：</translation>
    </message>
    <message>
        <source>The staff hand&amp;book was revised</source>
        <translation>修订了员工手册(&amp;B)</translation>
    </message>
    <message>
        <source>e.g. 指导筹备、列席会议</source>
        <translation>如：指导筹备、列席会议</translation>
    </message>
    <message>
        <source>The &amp;station&apos;s part:</source>
        <translation>服务站参与(&amp;S)：</translation>
    </message>
</context>
<context>
    <name>CongressesSection</name>
    <message>
        <source>Held on</source>
        <translation>召开日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Delegates</source>
        <translation>代表人数</translation>
    </message>
    <message>
        <source>Handbook revised</source>
        <translation>修订员工手册</translation>
    </message>
    <message>
        <source>Matters decided</source>
        <translation>审议事项</translation>
    </message>
    <message>
        <source>The station&apos;s part</source>
        <translation>服务站参与</translation>
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
        <source>No workers&apos; congress recorded yet. Record one with “Record a congress…”.</source>
        <translation>暂无职代会记录。请点“登记职代会…”登记。</translation>
    </message>
    <message>
        <source>Record a congre&amp;ss…</source>
        <translation>登记职代会(&amp;S)…</translation>
    </message>
    <message>
        <source>Change meetin&amp;g…</source>
        <translation>修改会议记录(&amp;G)…</translation>
    </message>
    <message>
        <source>No congress is due: the workplace has held none and is not a founded union of 25 or more employees.</source>
        <translation>暂无应开的职代会：该单位尚未召开过，且不是已建会的25人以上单位。</translation>
    </message>
    <message>
        <source>Overdue (逾期): the next congress was due on {day}.</source>
        <translation>逾期：下次职代会应于 {day} 前召开。</translation>
    </message>
    <message>
        <source>Next congress due by {day}.</source>
        <translation>下次职代会应于 {day} 前召开。</translation>
    </message>
</context>
<context>
    <name>Consent</name>
    <message>
        <source>Hardship file</source>
        <translation>困难职工档案</translation>
    </message>
    <message>
        <source>Health data</source>
        <translation>健康信息</translation>
    </message>
    <message>
        <source>Marital status</source>
        <translation>婚姻状况</translation>
    </message>
    <message>
        <source>In writing</source>
        <translation>书面</translation>
    </message>
    <message>
        <source>Orally</source>
        <translation>口头</translation>
    </message>
    <message>
        <source>Deep hardship</source>
        <translation>深度困难</translation>
    </message>
    <message>
        <source>Relative hardship</source>
        <translation>相对困难</translation>
    </message>
    <message>
        <source>Sudden hardship</source>
        <translation>意外致困</translation>
    </message>
    <message>
        <source>Single</source>
        <translation>未婚</translation>
    </message>
    <message>
        <source>Divorced</source>
        <translation>离异</translation>
    </message>
    <message>
        <source>Widowed</source>
        <translation>丧偶</translation>
    </message>
    <message>
        <source>Living allowance</source>
        <translation>生活救助</translation>
    </message>
    <message>
        <source>Medical aid</source>
        <translation>医疗救助</translation>
    </message>
    <message>
        <source>Schooling aid</source>
        <translation>金秋助学</translation>
    </message>
    <message>
        <source>Vocational training</source>
        <translation>职业技能培训</translation>
    </message>
    <message>
        <source>Festival visit</source>
        <translation>送温暖</translation>
    </message>
    <message>
        <source>Summer cooling visit</source>
        <translation>送清凉</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>This person is no longer on file.</source>
        <translation>档案中已没有此人。</translation>
    </message>
    <message>
        <source>This person&apos;s record has been anonymised.</source>
        <translation>此人的档案已匿名化。</translation>
    </message>
    <message>
        <source>Choose what the consent is for.</source>
        <translation>请选择同意事项。</translation>
    </message>
    <message>
        <source>Choose how the consent was given.</source>
        <translation>请选择同意方式。</translation>
    </message>
    <message>
        <source>This consent is already on record.</source>
        <translation>已登记过此项同意。</translation>
    </message>
    <message>
        <source>There is no consent of this kind to withdraw.</source>
        <translation>没有可撤回的此项同意。</translation>
    </message>
    <message>
        <source>Choose a hardship category.</source>
        <translation>请选择困难类别。</translation>
    </message>
    <message>
        <source>Choose a category for these reasons, or clear the reasons to close the file.</source>
        <translation>请为这些致困原因选择困难类别；如要撤销档案，请清空致困原因。</translation>
    </message>
    <message>
        <source>Record the worker&apos;s consent to a hardship file before filling it.</source>
        <translation>请先登记职工同意建立困难职工档案，再填写档案。</translation>
    </message>
    <message>
        <source>Give the amount in yuan, for example 500 or 1200.50.</source>
        <translation>请以元为单位填写金额，例如 500 或 1200.50。</translation>
    </message>
    <message>
        <source>The amount must be from 0 to 1,000,000 yuan.</source>
        <translation>金额应为 0 至 1,000,000 元。</translation>
    </message>
    <message>
        <source>The amount has at most two decimal places (fen).</source>
        <translation>金额最多保留两位小数（精确到分）。</translation>
    </message>
    <message>
        <source>Give the date the assistance was given.</source>
        <translation>请填写帮扶日期。</translation>
    </message>
    <message>
        <source>The date is in the future.</source>
        <translation>日期晚于今天。</translation>
    </message>
    <message>
        <source>The date is before 2000.</source>
        <translation>日期早于 2000 年。</translation>
    </message>
    <message>
        <source>Choose the kind of assistance.</source>
        <translation>请选择帮扶类型。</translation>
    </message>
    <message>
        <source>Assistance is recorded on a hardship file: open the file (choose a category) first.</source>
        <translation>帮扶记录须登记在困难职工档案中：请先建立档案（选择困难类别）。</translation>
    </message>
    <message>
        <source>Choose a marital status.</source>
        <translation>请选择婚姻状况。</translation>
    </message>
    <message>
        <source>Record the worker&apos;s consent to keep their marital status first.</source>
        <translation>请先登记职工同意保存其婚姻状况。</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Consents to sensitive data</source>
        <translation>敏感个人信息授权同意</translation>
    </message>
    <message>
        <source>Sensitive data is kept only while the worker&apos;s separate consent is in force. Withdrawing a consent empties the data it covers.</source>
        <translation>仅在职工的单独同意有效期间保存其敏感个人信息。撤回同意后，相应信息将被清空。</translation>
    </message>
    <message>
        <source>How the consent was given</source>
        <translation>同意方式</translation>
    </message>
    <message>
        <source>Note, e.g. where the signed form is kept</source>
        <translation>备注，例如签字表格的存放位置</translation>
    </message>
    <message>
        <source>Record consent</source>
        <translation>登记同意</translation>
    </message>
    <message>
        <source>Withdraw…</source>
        <translation>撤回…</translation>
    </message>
    <message>
        <source>Consent records</source>
        <translation>同意记录</translation>
    </message>
    <message>
        <source>Hardship file</source>
        <translation>困难职工档案</translation>
    </message>
    <message>
        <source>Record the worker&apos;s consent to a hardship file first; until then the file cannot be filled.</source>
        <translation>请先登记职工同意建立困难职工档案；登记前无法填写档案。</translation>
    </message>
    <message>
        <source>No hardship file</source>
        <translation>未建档</translation>
    </message>
    <message>
        <source>&amp;Category</source>
        <translation>困难类别(&amp;C)</translation>
    </message>
    <message>
        <source>Why the worker is in hardship (income, illness, accident, family)</source>
        <translation>致困原因（收入、疾病、意外、家庭等）</translation>
    </message>
    <message>
        <source>&amp;Reasons</source>
        <translation>致困原因(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save hardship file</source>
        <translation>保存困难职工档案(&amp;S)</translation>
    </message>
    <message>
        <source>Assistance given</source>
        <translation>帮扶记录</translation>
    </message>
    <message>
        <source>Open the hardship file (choose a category and save it) to record assistance.</source>
        <translation>请先建立困难职工档案（选择困难类别并保存），再登记帮扶。</translation>
    </message>
    <message>
        <source>&amp;Add assistance…</source>
        <translation>添加帮扶记录(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>帮扶类型(&amp;K)</translation>
    </message>
    <message>
        <source>Yuan; empty for help in kind</source>
        <translation>单位：元；实物帮扶不填</translation>
    </message>
    <message>
        <source>A&amp;mount</source>
        <translation>金额(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <source>Sa&amp;ve assistance</source>
        <translation>保存帮扶记录(&amp;V)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Marital status (for mixers)</source>
        <translation>婚姻状况（用于联谊活动）</translation>
    </message>
    <message>
        <source>Record the worker&apos;s consent to keep their marital status first.</source>
        <translation>请先登记职工同意保存其婚姻状况。</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>未登记</translation>
    </message>
    <message>
        <source>Marital s&amp;tatus</source>
        <translation>婚姻状况(&amp;T)</translation>
    </message>
    <message>
        <source>Save marital status</source>
        <translation>保存婚姻状况</translation>
    </message>
    <message>
        <source>Consent and hardship file: {name}</source>
        <translation>授权同意与困难职工档案：{name}</translation>
    </message>
    <message>
        <source>Not given</source>
        <translation>未同意</translation>
    </message>
    <message>
        <source>Given {when} by {who}, {method}</source>
        <translation>已于 {when} {method}同意，经办人：{who}</translation>
    </message>
    <message>
        <source>{kind}: given {when} by {who} ({method})</source>
        <translation>{kind}：{when} 同意（{method}），经办人：{who}</translation>
    </message>
    <message>
        <source>withdrawn {when} by {who}</source>
        <translation>{when} 撤回，经办人：{who}</translation>
    </message>
    <message>
        <source>No consent on record.</source>
        <translation>暂无同意记录。</translation>
    </message>
    <message>
        <source>{amount} yuan</source>
        <translation>{amount} 元</translation>
    </message>
    <message>
        <source>in kind</source>
        <translation>实物</translation>
    </message>
    <message>
        <source>No assistance recorded.</source>
        <translation>暂无帮扶记录。</translation>
    </message>
    <message>
        <source>Consent recorded: {kind}.</source>
        <translation>已登记同意：{kind}。</translation>
    </message>
    <message>
        <source>Consent withdrawn: {kind}.</source>
        <translation>已撤回同意：{kind}。</translation>
    </message>
    <message>
        <source>Withdraw {name}&apos;s consent to a hardship file?

The hardship category and the reasons will be emptied now. The assistance records stay: they are the station&apos;s accounts of what it gave.</source>
        <translation>撤回{name}对建立困难职工档案的同意？

困难类别和致困原因将立即清空。帮扶记录予以保留：这是服务站发放帮扶的账目记录。</translation>
    </message>
    <message>
        <source>Withdraw {name}&apos;s consent to health data?

Nothing stored on the person is emptied; from now on their visits for health- or hardship-related services cannot carry notes.</source>
        <translation>撤回{name}对处理健康信息的同意？

已保存的信息不会被清空；今后其办理健康或困难相关服务的来访记录将不能填写备注。</translation>
    </message>
    <message>
        <source>Withdraw {name}&apos;s consent to keep their marital status?

The marital status will be emptied now.</source>
        <translation>撤回{name}对保存婚姻状况的同意？

婚姻状况将立即清空。</translation>
    </message>
    <message>
        <source>Withdraw consent</source>
        <translation>撤回同意</translation>
    </message>
    <message>
        <source>Hardship file saved.</source>
        <translation>困难职工档案已保存。</translation>
    </message>
    <message>
        <source>Assistance recorded.</source>
        <translation>帮扶记录已登记。</translation>
    </message>
    <message>
        <source>Marital status saved.</source>
        <translation>婚姻状况已保存。</translation>
    </message>
</context>
<context>
    <name>ContentCover</name>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
</context>
<context>
    <name>ContractDialog</name>
    <message>
        <source>Renew a collective contract</source>
        <translation>续签集体合同</translation>
    </message>
    <message>
        <source>Collective contract</source>
        <translation>集体合同</translation>
    </message>
    <message>
        <source>New collective contract</source>
        <translation>新建集体合同</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Signed on:</source>
        <translation>签订日期(&amp;S)：</translation>
    </message>
    <message>
        <source>Fi&amp;led with the human-resources bureau on</source>
        <translation>已报人社部门审查备案(&amp;L)，日期</translation>
    </message>
    <message>
        <source>Term &amp;from:</source>
        <translation>期限自(&amp;F)：</translation>
    </message>
    <message>
        <source>One to three years</source>
        <translation>一至三年</translation>
    </message>
    <message>
        <source>Term &amp;to:</source>
        <translation>期限至(&amp;T)：</translation>
    </message>
    <message>
        <source>percent, e.g. 5.5; empty if none agreed</source>
        <translation>百分比，如 5.5；未约定则留空</translation>
    </message>
    <message>
        <source>Agreed wage &amp;increase (%):</source>
        <translation>约定工资增幅(&amp;I)（%）：</translation>
    </message>
    <message>
        <source>A &amp;minimum-wage clause</source>
        <translation>含最低工资条款(&amp;M)</translation>
    </message>
    <message>
        <source>e.g. 不低于北京市最低工资标准的120%</source>
        <translation>如：不低于北京市最低工资标准的120%</translation>
    </message>
    <message>
        <source>The clause s&amp;ays:</source>
        <translation>条款内容(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Employees covered:</source>
        <translation>覆盖职工(&amp;E)：</translation>
    </message>
    <message>
        <source>Space ticks a workplace</source>
        <translation>空格键勾选单位</translation>
    </message>
    <message>
        <source>&amp;Workplaces covered:</source>
        <translation>覆盖单位(&amp;W)：</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
</context>
<context>
    <name>ContractsSection</name>
    <message>
        <source>No collective contract covers this workplace. Record one with “New contract…”.</source>
        <translation>该单位暂无集体合同。请点“新建合同…”登记。</translation>
    </message>
    <message>
        <source>New contract… (&amp;S)</source>
        <translation>新建合同(&amp;S)…</translation>
    </message>
</context>
<context>
    <name>CopyDialog</name>
    <message>
        <source>Edit copy</source>
        <translation>编辑复本</translation>
    </message>
    <message>
        <source>Add copy</source>
        <translation>添加复本</translation>
    </message>
    <message>
        <source>Scan the label stuck in the book</source>
        <translation>扫描贴在书上的条码</translation>
    </message>
    <message>
        <source>&amp;Barcode</source>
        <translation>条码(&amp;B)</translation>
    </message>
    <message>
        <source>Acc&amp;ession number</source>
        <translation>登录号(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Location</source>
        <translation>馆藏地点(&amp;L)</translation>
    </message>
    <message>
        <source>e.g. 39.80</source>
        <translation>例如 39.80</translation>
    </message>
    <message>
        <source>P&amp;rice</source>
        <translation>价格(&amp;R)</translation>
    </message>
</context>
<context>
    <name>CopyStatusDialog</name>
    <message>
        <source>Withdraw copy</source>
        <translation>剔除复本</translation>
    </message>
    <message>
        <source>Copy {barcode}, now: {status}.</source>
        <translation>复本 {barcode}，当前状态：{status}。</translation>
    </message>
    <message>
        <source>Withdrawn from the collection</source>
        <translation>剔除（不再入藏）</translation>
    </message>
    <message>
        <source>Back on the shelf</source>
        <translation>重新上架</translation>
    </message>
    <message>
        <source>&amp;New status</source>
        <translation>新状态(&amp;N)</translation>
    </message>
    <message>
        <source>The copy&apos;s loan history is kept whatever its status.</source>
        <translation>无论状态如何，该复本的借阅记录都会保留。</translation>
    </message>
</context>
<context>
    <name>CurrentLoansTableModel</name>
    <message>
        <source>Title</source>
        <translation>书名</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应还日期</translation>
    </message>
    <message>
        <source>Renewals</source>
        <translation>续借次数</translation>
    </message>
    <message numerus="yes">
        <source>{date} (%n day(s) overdue)</source>
        <translation>
            <numerusform>{date}（逾期 %n 天）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>“{url}” is not a database address stationapp can open. Write sqlite:///path/to/file.db or postgresql://user@host:5432/name.</source>
        <translation>“{url}”不是 stationapp 能打开的数据库地址。请写成 sqlite:///path/to/file.db 或 postgresql://user@host:5432/name。</translation>
    </message>
    <message>
        <source>This database cannot be used: {reason}. For PostgreSQL install the driver with: pip install &apos;stationapp[postgresql]&apos;</source>
        <translation>无法使用此数据库：{reason}。如需使用 PostgreSQL，请先安装驱动：pip install &apos;stationapp[postgresql]&apos;</translation>
    </message>
    <message>
        <source>The database cannot be opened: {reason}</source>
        <translation>无法打开数据库：{reason}</translation>
    </message>
    <message>
        <source>The database server {server} cannot be reached, so the database {name} cannot be opened. Check that the server is running and that this computer is connected to its network, then start again.</source>
        <translation>无法连接数据库服务器 {server}，因此无法打开数据库 {name}。请检查服务器是否在运行、本机是否连接到服务器所在的网络，然后重新启动。</translation>
    </message>
    <message>
        <source>The database is busy: another program or desk is writing to it. Nothing was saved; please try again in a moment.</source>
        <translation>数据库正忙：其他程序或其他工位正在写入数据。本次未保存任何内容，请稍后再试。</translation>
    </message>
    <message>
        <source>The database server accepts no changes at the moment (it is read-only), so nothing was saved. Ask the administrator.</source>
        <translation>数据库服务器目前不接受修改（处于只读状态），因此没有保存任何内容。请联系管理员。</translation>
    </message>
    <message>
        <source>The database is read-only, so nothing can be saved. Check the permissions of the database file, of the files beside it ending in -wal and -shm, and of its folder, or ask the administrator.</source>
        <translation>数据库为只读状态，无法保存任何内容。请检查数据库文件、同目录下以 -wal 和 -shm 结尾的文件以及所在文件夹的权限，或联系管理员。</translation>
    </message>
    <message>
        <source>The disk is full, so nothing was saved. Free some space and try again.</source>
        <translation>磁盘已满，未保存任何内容。请清理出一些空间后再试。</translation>
    </message>
    <message>
        <source>The database server cannot be reached. Nothing was saved; try again when it is back.</source>
        <translation>无法连接数据库服务器。本次未保存任何内容，请在服务器恢复后再试。</translation>
    </message>
    <message>
        <source>This record does not exist (any more).</source>
        <translation>该记录不存在或已被删除。</translation>
    </message>
</context>
<context>
    <name>Deletion</name>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete {name}? This cannot be undone. Records with history are never deleted; they can be deactivated instead.</source>
        <translation>删除{name}？此操作无法撤销。有历史记录的数据不会被删除，可改为停用。</translation>
    </message>
    <message>
        <source>Cannot delete</source>
        <translation>无法删除</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <source>Staff accounts and workplaces</source>
        <translation>工作人员账号和单位</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>职工</translation>
    </message>
    <message>
        <source>Two years of front-desk visits</source>
        <translation>两年的来访登记</translation>
    </message>
    <message>
        <source>Mediation cases</source>
        <translation>调解案件</translation>
    </message>
    <message>
        <source>The library: books, loans and boxes</source>
        <translation>职工书屋：图书、借阅和流动书箱</translation>
    </message>
    <message>
        <source>Union events and registrations</source>
        <translation>工会活动和报名</translation>
    </message>
    <message>
        <source>Hardship files</source>
        <translation>困难职工档案</translation>
    </message>
    <message>
        <source>Rooms, counsellors and bookings</source>
        <translation>场地、心理咨询师与预约</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <source>Enrol a worker</source>
        <translation>登记参保</translation>
    </message>
    <message>
        <source>Wor&amp;ker:</source>
        <translation>职工(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Enrol</source>
        <translation>登记参保(&amp;E)</translation>
    </message>
</context>
<context>
    <name>EnrolmentTableModel</name>
    <message>
        <source>Worker</source>
        <translation>职工</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>保障项目</translation>
    </message>
    <message>
        <source>Enrolled on</source>
        <translation>参保日期</translation>
    </message>
    <message>
        <source>Paid by</source>
        <translation>缴费方</translation>
    </message>
    <message>
        <source>Workplace</source>
        <translation>单位</translation>
    </message>
</context>
<context>
    <name>EraseDialog</name>
    <message>
        <source>Erase personal data</source>
        <translation>删除个人信息</translation>
    </message>
    <message>
        <source>Erase the personal data of {name} at their request? Their name, phone, ID number, card, birth day and notes are removed for good; the counts of their visits, loans and registrations stay. This cannot be undone.</source>
        <translation>应{name}本人要求删除其个人信息？其姓名、电话、证件号码、会员卡、出生日期和备注将被永久删除；来访、借阅和报名的次数予以保留。此操作无法撤销。</translation>
    </message>
    <message>
        <source>Not possible yet: {duties}.</source>
        <translation>暂时无法删除：{duties}。</translation>
    </message>
    <message>
        <source>How and when the request was made</source>
        <translation>提出要求的方式和时间</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>本人要求</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>删除</translation>
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
    <name>EventDialog</name>
    <message>
        <source>Edit event</source>
        <translation>编辑活动</translation>
    </message>
    <message>
        <source>New event</source>
        <translation>新建活动</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>活动名称(&amp;T)</translation>
    </message>
    <message>
        <source>New series…</source>
        <translation>新建活动系列…</translation>
    </message>
    <message>
        <source>&amp;Series</source>
        <translation>活动系列(&amp;S)</translation>
    </message>
    <message>
        <source>The station&apos;s standard: a big event every month, a small one every week.</source>
        <translation>服务站标准：月有大活动，周有小活动。</translation>
    </message>
    <message>
        <source>Si&amp;ze</source>
        <translation>规模(&amp;Z)</translation>
    </message>
    <message>
        <source>&amp;Starts</source>
        <translation>开始时间(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Ends</source>
        <translation>结束时间(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Venue</source>
        <translation>地点(&amp;V)</translation>
    </message>
    <message>
        <source>None: the venue above</source>
        <translation>不预约场地（用上面的地点）</translation>
    </message>
    <message>
        <source>R&amp;oom</source>
        <translation>场地(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Capacity (places)</source>
        <translation>名额(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>活动说明(&amp;D)</translation>
    </message>
    <message>
        <source>from</source>
        <translation>自</translation>
    </message>
    <message>
        <source>Registration opens</source>
        <translation>报名开始</translation>
    </message>
    <message>
        <source>until</source>
        <translation>截至</translation>
    </message>
    <message>
        <source>Registration closes</source>
        <translation>报名截止</translation>
    </message>
    <message>
        <source>by</source>
        <translation>在此之前</translation>
    </message>
    <message>
        <source>Cancellation deadline</source>
        <translation>取消报名截止</translation>
    </message>
    <message>
        <source>Confirm the next person at once</source>
        <translation>立即确认下一位候补</translation>
    </message>
    <message>
        <source>Offer the place for a time</source>
        <translation>为下一位候补保留递补名额一段时间</translation>
    </message>
    <message>
        <source>&amp;Waitlist</source>
        <translation>候补(&amp;W)</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> 小时</translation>
    </message>
    <message>
        <source>An offer lasts</source>
        <translation>递补名额保留</translation>
    </message>
    <message>
        <source>Women only</source>
        <translation>仅限女性</translation>
    </message>
    <message>
        <source>Union members only</source>
        <translation>仅限工会会员</translation>
    </message>
    <message>
        <source>&amp;Ages</source>
        <translation>年龄(&amp;A)</translation>
    </message>
    <message>
        <source>Gender-balanced (as many men as women)</source>
        <translation>男女比例均衡（男女名额各半）</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>&amp;Minimum participants</source>
        <translation>最少成行人数(&amp;M)</translation>
    </message>
    <message>
        <source>on</source>
        <translation>于</translation>
    </message>
    <message>
        <source>Decision date</source>
        <translation>决定日期</translation>
    </message>
    <message>
        <source>&amp;Quotas</source>
        <translation>名额分配(&amp;Q)</translation>
    </message>
    <message>
        <source>(No series)</source>
        <translation>（不属于任何系列）</translation>
    </message>
    <message>
        <source>Free from: {times}</source>
        <translation>空闲时段：{times}</translation>
    </message>
    <message>
        <source>Quota {n}: write the release date as YYYY-MM-DD, e.g. 2026-07-01.</source>
        <translation>名额分配第{n}项：开放日期请按 YYYY-MM-DD 填写，例如 2026-07-01。</translation>
    </message>
</context>
<context>
    <name>EventPage</name>
    <message>
        <source>&lt;b&gt;Register&lt;/b&gt; (F8; phone tail, name, pinyin initials; Enter picks, Enter again registers)</source>
        <translation>&lt;b&gt;报名&lt;/b&gt;（F8；手机尾号、姓名、拼音首字母；回车选中，再按回车报名）</translation>
    </message>
    <message>
        <source>Check in (F9): scan the member card or type a name or phone, then Enter</source>
        <translation>签到（F9）：刷会员卡，或输入姓名、电话后按回车</translation>
    </message>
    <message>
        <source>Cancel re&amp;gistration…</source>
        <translation>取消报名(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Accept offer</source>
        <translation>接受递补名额(&amp;A)</translation>
    </message>
    <message>
        <source>Change &amp;priority…</source>
        <translation>调整优先级(&amp;P)…</translation>
    </message>
    <message>
        <source>Mark attendance from &amp;sheet…</source>
        <translation>按签到表登记(&amp;S)…</translation>
    </message>
    <message>
        <source>Cl&amp;ose event</source>
        <translation>结束活动(&amp;O)</translation>
    </message>
    <message>
        <source>Cancel &amp;event…</source>
        <translation>取消活动(&amp;E)…</translation>
    </message>
    <message>
        <source>E&amp;xport roster…</source>
        <translation>导出报名名单(&amp;X)…</translation>
    </message>
    <message>
        <source>Regi&amp;ster</source>
        <translation>报名(&amp;S)</translation>
    </message>
    <message>
        <source>Someone else (Esc)</source>
        <translation>换一个人 (Esc)</translation>
    </message>
    <message>
        <source>Chec&amp;k in</source>
        <translation>签到(&amp;K)</translation>
    </message>
    <message>
        <source>Check in the person selected in the roster</source>
        <translation>为名单中选中的人签到</translation>
    </message>
    <message>
        <source>Print sign-&amp;in sheet…</source>
        <translation>打印签到表(&amp;I)…</translation>
    </message>
    <message>
        <source>Print preview…</source>
        <translation>打印预览…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>M&amp;ore</source>
        <translation>更多(&amp;O)</translation>
    </message>
    <message>
        <source>Offers, priority, attendance from the sheet, export, closing the event</source>
        <translation>递补名额、优先级、按签到表登记、导出名单、结束或取消活动</translation>
    </message>
    <message>
        <source>&lt;i&gt;Choose an event in the list.&lt;/i&gt;</source>
        <translation>&lt;i&gt;请在列表中选择一个活动。&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Places: {taken} of {capacity} taken</source>
        <translation>名额：已报 {taken} / 共 {capacity}</translation>
    </message>
    <message numerus="yes">
        <source>%n offered</source>
        <translation>
            <numerusform>递补名额待确认 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Waitlist: %n</source>
        <translation>
            <numerusform>候补：%n 人</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Checked in: %n</source>
        <translation>
            <numerusform>已签到：%n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>Venue: {venue}</source>
        <translation>地点：{venue}</translation>
    </message>
    <message>
        <source>Series: {name}</source>
        <translation>活动系列：{name}</translation>
    </message>
    <message numerus="yes">
        <source>at most %n per person</source>
        <translation>
            <numerusform>每人最多 %n 场</numerusform>
        </translation>
    </message>
    <message>
        <source>opens {when}</source>
        <translation>{when}开始</translation>
    </message>
    <message>
        <source>closes {when}</source>
        <translation>{when}截止</translation>
    </message>
    <message>
        <source>cancel by {when}</source>
        <translation>{when}前可取消</translation>
    </message>
    <message>
        <source>Registration: {window}</source>
        <translation>报名：{window}</translation>
    </message>
    <message>
        <source>women only</source>
        <translation>仅限女性</translation>
    </message>
    <message>
        <source>union members only</source>
        <translation>仅限工会会员</translation>
    </message>
    <message>
        <source>ages {low} to {high}</source>
        <translation>年龄 {low} 至 {high} 岁</translation>
    </message>
    <message>
        <source>gender-balanced</source>
        <translation>男女比例均衡</translation>
    </message>
    <message>
        <source>Who: {rules}</source>
        <translation>参加条件：{rules}</translation>
    </message>
    <message numerus="yes">
        <source>Waitlist: a freed place is offered for %n hour(s)</source>
        <translation>
            <numerusform>候补：空出的名额作为递补名额保留 %n 小时</numerusform>
        </translation>
    </message>
    <message>
        <source>Waitlist: a freed place goes to the next person at once</source>
        <translation>候补：空出的名额立即由下一位候补确认</translation>
    </message>
    <message>
        <source>Minimum participants: {minimum}, decided on {date}</source>
        <translation>最少成行人数：{minimum}，决定日期：{date}</translation>
    </message>
    <message numerus="yes">
        <source>%n place(s)</source>
        <translation>
            <numerusform>%n 个名额</numerusform>
        </translation>
    </message>
    <message>
        <source> (reserved until {date})</source>
        <translation>（预留至{date}）</translation>
    </message>
    <message>
        <source>Quotas: {quotas}</source>
        <translation>名额分配：{quotas}</translation>
    </message>
    <message numerus="yes">
        <source>{name} has not come %n time(s) before.</source>
        <translation>
            <numerusform>{name}此前有 %n 次报名后未到场。</numerusform>
        </translation>
    </message>
    <message>
        <source>No place left</source>
        <translation>名额已满</translation>
    </message>
    <message>
        <source>Put {name} on the waitlist?</source>
        <translation>是否将{name}列入候补？</translation>
    </message>
    <message>
        <source>{name} is on the waitlist, number {n}.</source>
        <translation>{name}已列入候补，排第{n}位。</translation>
    </message>
    <message>
        <source>{name} is registered: {state}.</source>
        <translation>{name}报名成功：{state}。</translation>
    </message>
    <message>
        <source>Moved up from the waitlist: {names}.</source>
        <translation>由候补递补：{names}。</translation>
    </message>
    <message>
        <source>Cancel registration</source>
        <translation>取消报名</translation>
    </message>
    <message>
        <source>Cancel the registration of {name}? Reason (optional):</source>
        <translation>取消{name}的报名？理由（可不填）：</translation>
    </message>
    <message>
        <source>Registration of {name} cancelled.</source>
        <translation>已取消{name}的报名。</translation>
    </message>
    <message>
        <source>{name} accepted the place.</source>
        <translation>{name}已接受递补名额。</translation>
    </message>
    <message>
        <source>{name} checked in.</source>
        <translation>{name}已签到。</translation>
    </message>
    <message>
        <source>Several people match “{text}”: {names}. Type more.</source>
        <translation>有多人符合“{text}”：{names}。请输入更多信息。</translation>
    </message>
    <message>
        <source>{name} is already checked in.</source>
        <translation>{name}已经签到。</translation>
    </message>
    <message>
        <source>{name} has no place at this event.</source>
        <translation>{name}没有本活动的名额。</translation>
    </message>
    <message>
        <source>No one found for “{text}”.</source>
        <translation>未找到“{text}”。</translation>
    </message>
    <message numerus="yes">
        <source>Marked present from the sheet: %n</source>
        <translation>
            <numerusform>按签到表登记到场：%n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>Close event</source>
        <translation>结束活动</translation>
    </message>
    <message numerus="yes">
        <source>Close the event? The %n person(s) with a place who were not checked in become no-shows, and the waitlist ends.</source>
        <translation>
            <numerusform>结束活动？有名额但未签到的 %n 人将记为未到场，候补名单随之结束。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Event closed; %n no-show(s).</source>
        <translation>
            <numerusform>活动已结束；未到场 %n 人。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel event</source>
        <translation>取消活动</translation>
    </message>
    <message>
        <source>Cancel {title}? Everyone registered or waiting is cancelled and must be told. Reason:</source>
        <translation>取消“{title}”？所有已报名和候补的人员都将被取消，并需逐一通知。理由：</translation>
    </message>
    <message numerus="yes">
        <source>Event cancelled; %n person(s) to notify.</source>
        <translation>
            <numerusform>活动已取消；需通知 %n 人。</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the roster</source>
        <translation>导出报名名单</translation>
    </message>
    <message>
        <source>roster-{title}.xlsx</source>
        <translation>报名名单-{title}.xlsx</translation>
    </message>
    <message>
        <source>Excel files (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n person(s) to {path}</source>
        <translation>
            <numerusform>已导出 %n 人到 {path}</numerusform>
        </translation>
    </message>
    <message>
        <source>Save the sign-in sheet</source>
        <translation>保存签到表</translation>
    </message>
    <message>
        <source>sign-in-{title}.pdf</source>
        <translation>签到表-{title}.pdf</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
</context>
<context>
    <name>EventTableModel</name>
    <message>
        <source>Date and time</source>
        <translation>日期时间</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>活动名称</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>活动系列</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>规模</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>名额</translation>
    </message>
    <message>
        <source>Waitlist</source>
        <translation>候补</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>Events</name>
    <message>
        <source>Awaiting approval</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>Waitlisted</source>
        <translation>候补中</translation>
    </message>
    <message>
        <source>Place offered</source>
        <translation>已递补待确认</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Attended</source>
        <translation>已到场</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>未到场</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>未通过</translation>
    </message>
    <message>
        <source>Offer expired</source>
        <translation>递补已过期</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>报名中</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>Big event</source>
        <translation>大活动</translation>
    </message>
    <message>
        <source>Small event</source>
        <translation>小活动</translation>
    </message>
    <message>
        <source>The limit per person must be 1 to 100.</source>
        <translation>每人限报次数应为 1 至 100。</translation>
    </message>
    <message>
        <source>A series with this name exists.</source>
        <translation>已有同名的活动系列。</translation>
    </message>
    <message>
        <source>The event must end after it starts.</source>
        <translation>活动结束时间应晚于开始时间。</translation>
    </message>
    <message>
        <source>The capacity must be 1 to 10,000.</source>
        <translation>名额应为 1 至 10,000。</translation>
    </message>
    <message>
        <source>Choose big or small.</source>
        <translation>请选择大活动或小活动。</translation>
    </message>
    <message>
        <source>Choose how the waitlist works.</source>
        <translation>请选择候补方式。</translation>
    </message>
    <message>
        <source>An offer lasts 1 hour to 14 days.</source>
        <translation>递补名额的保留时间应为 1 小时至 14 天。</translation>
    </message>
    <message>
        <source>Registration must close after it opens.</source>
        <translation>报名截止时间应晚于开始报名时间。</translation>
    </message>
    <message>
        <source>Registration must close before the event ends.</source>
        <translation>报名应在活动结束前截止。</translation>
    </message>
    <message>
        <source>An age is 0 to 120.</source>
        <translation>年龄应为 0 至 120 岁。</translation>
    </message>
    <message>
        <source>The oldest age is below the youngest.</source>
        <translation>最大年龄小于最小年龄。</translation>
    </message>
    <message>
        <source>A gender-balanced event needs an even number of places.</source>
        <translation>男女比例均衡的活动，名额应为偶数。</translation>
    </message>
    <message>
        <source>A women-only event cannot be gender-balanced.</source>
        <translation>仅限女性的活动不能设置男女比例均衡。</translation>
    </message>
    <message>
        <source>The minimum must be between 1 and the capacity.</source>
        <translation>最少成行人数应在 1 与名额之间。</translation>
    </message>
    <message>
        <source>Give the date on which the minimum is decided.</source>
        <translation>请填写决定是否成行的日期。</translation>
    </message>
    <message>
        <source>The decision date must not be after the event starts.</source>
        <translation>决定日期不能晚于活动开始。</translation>
    </message>
    <message>
        <source>This series no longer exists.</source>
        <translation>该活动系列已不存在。</translation>
    </message>
    <message>
        <source>Quota {n}: {problem}</source>
        <translation>名额分配 {n}：{problem}</translation>
    </message>
    <message>
        <source>Quota {n}: give it a name.</source>
        <translation>名额分配 {n}：请填写名称。</translation>
    </message>
    <message>
        <source>Quota {n}: its places must be 1 to the capacity.</source>
        <translation>名额分配 {n}：名额应在 1 与总名额之间。</translation>
    </message>
    <message>
        <source>Quota {n}: choose a gender.</source>
        <translation>名额分配 {n}：请选择性别。</translation>
    </message>
    <message>
        <source>Quota {n}: reserved places are for one workplace.</source>
        <translation>名额分配 {n}：预留名额须指定一个单位。</translation>
    </message>
    <message>
        <source>Quota {n}: an age is 0 to 120.</source>
        <translation>名额分配 {n}：年龄应为 0 至 120 岁。</translation>
    </message>
    <message>
        <source>Quota {n}: this workplace is no longer on file.</source>
        <translation>名额分配 {n}：该工作单位的记录已不存在。</translation>
    </message>
    <message>
        <source>Men</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Women</source>
        <translation>女</translation>
    </message>
    <message>
        <source>{taken} places are taken: the capacity cannot be lower.</source>
        <translation>已有 {taken} 个名额被占用，总名额不能更少。</translation>
    </message>
    <message>
        <source>{taken} people already hold places of “{quota}”: too few places.</source>
        <translation>已有 {taken} 人占用“{quota}”的名额，名额不能更少。</translation>
    </message>
    <message>
        <source>This event no longer exists.</source>
        <translation>该活动已不存在。</translation>
    </message>
    <message>
        <source>Not eligible: this event is for women only.</source>
        <translation>不符合条件：本活动仅限女职工参加。</translation>
    </message>
    <message>
        <source>Not eligible: this event is for union members only.</source>
        <translation>不符合条件：本活动仅限工会会员参加。</translation>
    </message>
    <message>
        <source>Not eligible: the event is for ages {low} to {high}; no birth date.</source>
        <translation>不符合条件：本活动限 {low} 至 {high} 岁，档案中没有出生日期。</translation>
    </message>
    <message>
        <source>Not eligible: the event is for ages {low} to {high}; {name} is {age}.</source>
        <translation>不符合条件：本活动限 {low} 至 {high} 岁，{name}现年 {age} 岁。</translation>
    </message>
    <message>
        <source>Not eligible: a gender-balanced event needs the person&apos;s gender.</source>
        <translation>不符合条件：男女比例均衡的活动需要登记性别。</translation>
    </message>
    <message>
        <source>This person is no longer on file.</source>
        <translation>档案中已没有此人。</translation>
    </message>
    <message>
        <source>Registration is closed: the event is {state}.</source>
        <translation>报名已关闭：活动状态为“{state}”。</translation>
    </message>
    <message>
        <source>Registration opens on {when}.</source>
        <translation>报名于 {when} 开始。</translation>
    </message>
    <message>
        <source>Registration has closed.</source>
        <translation>报名已截止。</translation>
    </message>
    <message>
        <source>{name} is already registered for this event.</source>
        <translation>{name}已报名本活动。</translation>
    </message>
    <message>
        <source>Limit reached: at most %n event(s) of {series} per person.</source>
        <translation>已达上限：{series}每人最多参加 %n 次。</translation>
    </message>
    <message>
        <source>No place left for {name}: the waitlist is open.</source>
        <translation>名额已满，{name}可以登记候补。</translation>
    </message>
    <message>
        <source>This registration no longer exists.</source>
        <translation>该报名记录已不存在。</translation>
    </message>
    <message>
        <source>This registration is already {state}.</source>
        <translation>该报名已是“{state}”状态。</translation>
    </message>
    <message>
        <source>There is no open offer to accept.</source>
        <translation>没有待确认的递补名额。</translation>
    </message>
    <message>
        <source>The offer has expired.</source>
        <translation>递补名额已过期。</translation>
    </message>
    <message>
        <source>Give the reason for changing the order.</source>
        <translation>请填写调整顺序的理由。</translation>
    </message>
    <message>
        <source>Priority is -100 to 100.</source>
        <translation>优先级应为 -100 至 100。</translation>
    </message>
    <message>
        <source>Only a waitlisted person can be moved.</source>
        <translation>只能调整候补人员的顺序。</translation>
    </message>
    <message>
        <source>This person has no place at this event.</source>
        <translation>此人没有本活动的名额。</translation>
    </message>
    <message>
        <source>The event is not open.</source>
        <translation>活动不在报名状态。</translation>
    </message>
    <message>
        <source>Give the reason for cancelling.</source>
        <translation>请填写取消的理由。</translation>
    </message>
    <message>
        <source>“{title}” has history ({history}), so it cannot be deleted; cancel it instead.</source>
        <translation>“{title}”已有相关记录（{history}），因此不能删除，请改为取消活动。</translation>
    </message>
    <message>
        <source>Roster</source>
        <translation>报名名单</translation>
    </message>
    <message>
        <source>Waitlist</source>
        <translation>候补</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Workplace</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Unknown age</source>
        <translation>年龄不详</translation>
    </message>
    <message>
        <source>No workplace</source>
        <translation>无单位</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>不详</translation>
    </message>
    <message>
        <source>No series</source>
        <translation>无系列</translation>
    </message>
</context>
<context>
    <name>EventsTab</name>
    <message>
        <source>Search event titles (Ctrl+F)</source>
        <translation>搜索活动名称（Ctrl+F）</translation>
    </message>
    <message>
        <source>&amp;Upcoming only</source>
        <translation>仅显示未开始的活动(&amp;U)</translation>
    </message>
    <message>
        <source>Set up an event (Ctrl+N)</source>
        <translation>新建一个活动（Ctrl+N）</translation>
    </message>
    <message>
        <source>New event… (&amp;J)</source>
        <translation>新建活动(&amp;J)…</translation>
    </message>
    <message>
        <source>Change the event shown (Ctrl+E)</source>
        <translation>修改当前显示的活动（Ctrl+E）</translation>
    </message>
    <message>
        <source>&amp;Delete event…</source>
        <translation>删除活动(&amp;D)…</translation>
    </message>
    <message>
        <source>Delete an event set up by mistake; one with registrations is cancelled instead</source>
        <translation>删除误建的活动；已有报名的活动将改为取消</translation>
    </message>
    <message>
        <source>No events match.</source>
        <translation>没有符合条件的活动。</translation>
    </message>
    <message>
        <source>Ca&amp;lendar</source>
        <translation>日历(&amp;L)</translation>
    </message>
    <message>
        <source>E&amp;dit event…</source>
        <translation>编辑活动(&amp;D)…</translation>
    </message>
    <message>
        <source>Eve&amp;nts</source>
        <translation>活动(&amp;N)</translation>
    </message>
    <message>
        <source>Statisti&amp;cs</source>
        <translation>统计(&amp;C)</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n 个活动</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the first %n events; narrow the search</source>
        <translation>
            <numerusform>仅显示前 %n 个活动，请缩小搜索范围</numerusform>
        </translation>
    </message>
    <message>
        <source>Minimum participants: &lt;a href=&quot;{id}&quot;&gt;{title}&lt;/a&gt; has {taken} of at least {minimum}; decide whether it goes ahead (decision date {date}).</source>
        <translation>最少成行人数：&lt;a href=&quot;{id}&quot;&gt;{title}&lt;/a&gt; 已报 {taken} 人，至少需 {minimum} 人；请决定是否举办（决定日期 {date}）。</translation>
    </message>
    <message>
        <source>Coverage: no big event in {month}.</source>
        <translation>活动覆盖：{month}没有大活动。</translation>
    </message>
    <message>
        <source>MMMM yyyy</source>
        <translation>yyyy年M月</translation>
    </message>
    <message>
        <source>Coverage: no small event in the week(s) of {weeks}.</source>
        <translation>活动覆盖：以下周次没有小活动：{weeks}。</translation>
    </message>
    <message>
        <source>Choose an event in the list first: {key} acts on the selected event.</source>
        <translation>请先在列表中选择活动：{key} 作用于所选的活动。</translation>
    </message>
    <message>
        <source>Registering and checking in are for the staff who run events.</source>
        <translation>报名和签到由负责活动的工作人员办理。</translation>
    </message>
    <message>
        <source>“{title}” takes no more registrations ({state}).</source>
        <translation>“{title}”不再接受报名（{state}）。</translation>
    </message>
    <message>
        <source>“{title}” is cancelled: there is no one to check in.</source>
        <translation>“{title}”已取消，无需签到。</translation>
    </message>
    <message>
        <source>Event set up: {title}.</source>
        <translation>活动已创建：{title}。</translation>
    </message>
    <message>
        <source>Cancel “{title}” instead?</source>
        <translation>改为取消“{title}”？</translation>
    </message>
    <message>
        <source>Event deleted: {title}.</source>
        <translation>活动已删除：{title}。</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>Excel workbook (*.xlsx);;CSV, comma-separated (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV 逗号分隔文件 (*.csv)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The file could not be written: {reason}</source>
        <translation>无法写入文件：{reason}</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>已取消导出，未写入任何文件。</translation>
    </message>
</context>
<context>
    <name>ExtensionDialog</name>
    <message>
        <source>Extend the mediation period</source>
        <translation>延长调解期限</translation>
    </message>
    <message>
        <source>New due date</source>
        <translation>新的调解期限</translation>
    </message>
    <message>
        <source>How both parties agreed to the extension (required)</source>
        <translation>双方当事人同意延期的情况及方式（必填）</translation>
    </message>
    <message>
        <source>Agreement of both parties</source>
        <translation>双方同意情况</translation>
    </message>
</context>
<context>
    <name>ExternalChangeWatcher</name>
    <message>
        <source>The database server cannot be reached. Trying again in the background; what you type stays in the forms, save it once the server is back.</source>
        <translation>无法连接数据库服务器。正在后台重试；您填写的内容会保留在表单中，服务器恢复后再保存即可。</translation>
    </message>
</context>
<context>
    <name>FileDecisionDialog</name>
    <message>
        <source>The file of case {number}</source>
        <translation>案件{number}的卷宗</translation>
    </message>
    <message>
        <source>&amp;Keep it longer</source>
        <translation>延长保管(&amp;K)</translation>
    </message>
    <message>
        <source>It was &amp;disposed of (destroyed, or given to an archive)</source>
        <translation>已处置（销毁或移交档案馆）(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Until</source>
        <translation>保管至(&amp;U)</translation>
    </message>
    <message>
        <source>Why it is kept; or how it was disposed of, by whom and in whose presence</source>
        <translation>延长保管的理由；或处置方式、经办人及监销人</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>说明(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Record the decision</source>
        <translation>记录决定(&amp;R)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
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
    <name>FollowUpDialog</name>
    <message>
        <source>Record a follow-up visit</source>
        <translation>登记回访</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>FollowUpTableModel</name>
    <message>
        <source>Due</source>
        <translation>补交期限</translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation>来访人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务项目</translation>
    </message>
    <message>
        <source>Missing materials</source>
        <translation>缺少的材料</translation>
    </message>
    <message>
        <source>Visited</source>
        <translation>来访日期</translation>
    </message>
    <message numerus="yes">
        <source>{date} (%n days overdue)</source>
        <translation>
            <numerusform>{date}（已逾期 %n 天）</numerusform>
        </translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
</context>
<context>
    <name>FollowUpsWidget</name>
    <message>
        <source>Materials brought: &amp;complete</source>
        <translation>材料已补齐，办结(&amp;C)</translation>
    </message>
    <message>
        <source>The visitor brought what was missing; the purpose is done (Enter)</source>
        <translation>来访人已补齐材料，事项办结（回车）</translation>
    </message>
    <message>
        <source>No one is waiting to bring materials.</source>
        <translation>目前没有待补材料的事项。</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting for materials</source>
        <translation>
            <numerusform>%n 件待补材料</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n 件已逾期</numerusform>
        </translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <source>Completed: {who}, {service}.</source>
        <translation>已办结：{who}，{service}。</translation>
    </message>
</context>
<context>
    <name>FoundingSection</name>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Mark done… (&amp;J)</source>
        <translation>标记完成(&amp;J)…</translation>
    </message>
    <message>
        <source>Undo (&amp;X)</source>
        <translation>撤销(&amp;X)</translation>
    </message>
</context>
<context>
    <name>FoundingStepDialog</name>
    <message>
        <source>Done on</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>HeldCardDialog</name>
    <message>
        <source>A card held already</source>
        <translation>登记已有京卡</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>%n visit(s)</source>
        <translation>%n 次来访</translation>
    </message>
    <message>
        <source>%n mediation case(s)</source>
        <translation>%n 件调解案件</translation>
    </message>
    <message>
        <source>%n step(s) in mediation cases</source>
        <translation>调解案件中的 %n 个办理步骤</translation>
    </message>
    <message>
        <source>%n case follow-up(s)</source>
        <translation>%n 次案件回访</translation>
    </message>
    <message>
        <source>%n declared mediator tie(s)</source>
        <translation>%n 条已申报的调解员关联关系</translation>
    </message>
    <message>
        <source>%n loan(s)</source>
        <translation>%n 次借阅</translation>
    </message>
    <message>
        <source>%n reservation(s)</source>
        <translation>%n 个预约</translation>
    </message>
    <message>
        <source>%n copy(ies)</source>
        <translation>%n 册复本</translation>
    </message>
    <message>
        <source>%n book box(es)</source>
        <translation>%n 个书箱</translation>
    </message>
    <message>
        <source>%n box loan(s)</source>
        <translation>%n 次书箱借出</translation>
    </message>
    <message>
        <source>%n stocktake(s)</source>
        <translation>%n 次盘点</translation>
    </message>
    <message>
        <source>%n event registration(s)</source>
        <translation>%n 条活动报名</translation>
    </message>
    <message>
        <source>%n event(s)</source>
        <translation>%n 个活动</translation>
    </message>
    <message>
        <source>%n event quota(s)</source>
        <translation>%n 项活动名额分配</translation>
    </message>
    <message>
        <source>%n outreach session(s)</source>
        <translation>%n 次走访服务</translation>
    </message>
    <message>
        <source>%n room booking(s)</source>
        <translation>%n 条场地预约</translation>
    </message>
    <message>
        <source>%n counsellor duty(ies)</source>
        <translation>%n 次心理咨询师值班</translation>
    </message>
    <message>
        <source>%n membership record(s)</source>
        <translation>%n 条会籍记录</translation>
    </message>
    <message>
        <source>%n 京卡 card record(s)</source>
        <translation>%n 条京卡记录</translation>
    </message>
    <message>
        <source>%n mutual-aid enrolment(s)</source>
        <translation>%n 条互助保障参保记录</translation>
    </message>
    <message>
        <source>%n mutual-aid claim(s)</source>
        <translation>%n 笔互助保障理赔</translation>
    </message>
    <message>
        <source>%n welfare round(s)</source>
        <translation>%n 次福利发放活动</translation>
    </message>
    <message>
        <source>%n welfare round gift(s)</source>
        <translation>%n 条福利发放记录</translation>
    </message>
    <message>
        <source>%n workers&apos; congress(es)</source>
        <translation>%n 次职代会</translation>
    </message>
    <message>
        <source>%n collective contract(s)</source>
        <translation>%n 份集体合同</translation>
    </message>
    <message>
        <source>%n regional collective contract(s)</source>
        <translation>%n 份区域性集体合同</translation>
    </message>
    <message>
        <source>%n open-affairs check(s)</source>
        <translation>%n 次厂务公开检查</translation>
    </message>
    <message>
        <source>%n worker(s) on file</source>
        <translation>%n 名在档职工</translation>
    </message>
    <message>
        <source>%n union founding step(s)</source>
        <translation>%n个建会步骤</translation>
    </message>
    <message>
        <source>%n workplace(s)</source>
        <translation>%n个单位</translation>
    </message>
    <message>
        <source>%n recorded action(s)</source>
        <translation>%n 条操作记录</translation>
    </message>
    <message>
        <source>%n consent record(s)</source>
        <translation>%n 条同意记录</translation>
    </message>
    <message>
        <source>%n hardship assistance record(s)</source>
        <translation>%n 条困难帮扶记录</translation>
    </message>
    <message>
        <source>%n other record(s)</source>
        <translation>%n 条其他记录</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import people</source>
        <translation>导入人员</translation>
    </message>
    <message>
        <source>Choose the roster: an Excel, WPS or LibreOffice spreadsheet, or a CSV file. Its header row and columns are found by their names.</source>
        <translation>请选择花名册：Excel、WPS 或 LibreOffice 表格，或 CSV 文件。程序按列名找出表头行和各列。</translation>
    </message>
    <message>
        <source>Choose &amp;file…</source>
        <translation>选择文件(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Columns</source>
        <translation>列(&amp;C)</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <source>&amp;Overwrite fields of people already on file</source>
        <translation>覆盖已登记人员的信息(&amp;O)</translation>
    </message>
    <message>
        <source>Unticked, only their empty fields are filled; ticked, the file&apos;s values replace theirs</source>
        <translation>不勾选时只填写其空白项；勾选后以文件中的值替换原有信息</translation>
    </message>
    <message>
        <source>&amp;Problems in the file (nothing was imported):</source>
        <translation>文件中的问题（未导入任何内容）(&amp;P)：</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Choose the roster</source>
        <translation>选择花名册</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xls *.ods *.csv)</source>
        <translation>表格文件 (*.xlsx *.xls *.ods *.csv)</translation>
    </message>
    <message>
        <source>File: {path}</source>
        <translation>文件：{path}</translation>
    </message>
    <message>
        <source>Header row: {row}; the rows below it are imported. Check the column each field is read from:</source>
        <translation>表头在第 {row} 行，其下各行将被导入。请核对每个字段读取的列：</translation>
    </message>
    <message>
        <source>— not imported —</source>
        <translation>— 不导入 —</translation>
    </message>
    <message>
        <source>Choose a file to see its columns.</source>
        <translation>选择文件后在此查看其各列。</translation>
    </message>
    <message>
        <source>Columns not imported: {names}</source>
        <translation>不导入的列：{names}</translation>
    </message>
    <message>
        <source>Every column of the file is imported.</source>
        <translation>文件的每一列都会导入。</translation>
    </message>
    <message>
        <source>Choose the column that holds the names.</source>
        <translation>请选择姓名所在的列。</translation>
    </message>
    <message>
        <source>“{column}” is chosen for both {first} and {second}.</source>
        <translation>“{column}”列同时被选作{first}和{second}。</translation>
    </message>
    <message>
        <source>Checking the file…</source>
        <translation>正在检查文件…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was written.</source>
        <translation>已取消导入，未写入任何内容。</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n row(s) from {file}.</source>
        <translation>
            <numerusform>已从 {file} 导入 %n 行。</numerusform>
        </translation>
    </message>
    <message>
        <source>People added: {created}; completed: {filled}; unchanged: {unchanged}; workplaces added: {workplaces}.</source>
        <translation>新增人员：{created}；补全：{filled}；无变化：{unchanged}；新增工作单位：{workplaces}。</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) with problems were left out; they are listed with the reasons in {path}</source>
        <translation>
            <numerusform>有问题的 %n 行未导入，已连同原因列在 {path}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Import the %n &amp;good row(s)</source>
        <translation>
            <numerusform>导入其余 %n 行无误的数据(&amp;G)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportListDialog</name>
    <message>
        <source>Import a workplace&apos;s list</source>
        <translation>导入单位参保名单</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>尚未选择文件</translation>
    </message>
    <message>
        <source>&amp;Choose the file…</source>
        <translation>选择文件(&amp;C)…</translation>
    </message>
    <message>
        <source>List:</source>
        <translation>名单：</translation>
    </message>
    <message>
        <source>The file needs a 姓名 column and, best, a 身份证号 column.</source>
        <translation>文件须有“姓名”列，最好也有“身份证号”列。</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Choose the list</source>
        <translation>选择参保名单</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xls *.ods *.csv)</source>
        <translation>表格文件 (*.xlsx *.xls *.ods *.csv)</translation>
    </message>
    <message>
        <source>Choose the file first.</source>
        <translation>请先选择文件。</translation>
    </message>
    <message>
        <source>Checking the list…</source>
        <translation>正在核对名单…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Import cancelled; no one was enrolled.</source>
        <translation>已取消导入，未登记任何人。</translation>
    </message>
</context>
<context>
    <name>ImportProblemsDialog</name>
    <message>
        <source>The file was not imported</source>
        <translation>文件未导入</translation>
    </message>
    <message>
        <source>The first {shown} of {count} problems are listed.</source>
        <translation>共 {count} 个问题，下面列出前 {shown} 个。</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Copy the list</source>
        <translation>复制问题清单</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>书名</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>ISBN</source>
        <translation>ISBN</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>出版社</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>出版年</translation>
    </message>
    <message>
        <source>Class number</source>
        <translation>分类号</translation>
    </message>
    <message>
        <source>Kind of item</source>
        <translation>文献类型</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>册数</translation>
    </message>
    <message>
        <source>Accession number</source>
        <translation>登录号</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>馆藏地点</translation>
    </message>
</context>
<context>
    <name>LabelsDialog</name>
    <message>
        <source>Barcode labels</source>
        <translation>条码标签</translation>
    </message>
    <message>
        <source>Labels are numbered across, then down: 1-3 is the top row of the sheet.</source>
        <translation>标签先横后竖编号：1-3 为整张标签纸的第一行。</translation>
    </message>
    <message>
        <source>Start at &amp;label</source>
        <translation>从第几个标签开始(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Preview and print…</source>
        <translation>预览并打印(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>另存为 PDF(&amp;S)…</translation>
    </message>
    <message numerus="yes">
        <source>%n label(s) on {sheets} A4 sheet(s) of 3 x 8 labels (70 x 37 mm)</source>
        <translation>
            <numerusform>%n 个标签，需 {sheets} 张 A4 标签纸（每张 3 × 8 个，70 × 37 毫米）</numerusform>
        </translation>
    </message>
    <message>
        <source>Save labels as PDF</source>
        <translation>将标签另存为 PDF</translation>
    </message>
    <message>
        <source>labels.pdf</source>
        <translation>条码标签.pdf</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>The file could not be written: {reason}</source>
        <translation>无法写入文件：{reason}</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
</context>
<context>
    <name>LazyTab</name>
    <message>
        <source>This page could not be opened.</source>
        <translation>无法打开此页面。</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>重试(&amp;T)</translation>
    </message>
</context>
<context>
    <name>LendBoxDialog</name>
    <message>
        <source>Lend box {name} to a workplace</source>
        <translation>将书箱{name}借给单位</translation>
    </message>
    <message>
        <source>&amp;Workplace</source>
        <translation>接收单位(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Contact person</source>
        <translation>联系人(&amp;C)</translation>
    </message>
    <message>
        <source>Contact &amp;phone</source>
        <translation>联系电话(&amp;P)</translation>
    </message>
    <message>
        <source>Handed over &amp;on</source>
        <translation>交付日期(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Due back on</source>
        <translation>应还日期(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Lend</source>
        <translation>借出(&amp;L)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Library</name>
    <message>
        <source>Book</source>
        <translation>图书</translation>
    </message>
    <message>
        <source>Magazine</source>
        <translation>期刊</translation>
    </message>
    <message>
        <source>Reference work</source>
        <translation>工具书</translation>
    </message>
    <message>
        <source>Audiovisual</source>
        <translation>音像资料</translation>
    </message>
    <message>
        <source>On the shelf</source>
        <translation>在架</translation>
    </message>
    <message>
        <source>On loan</source>
        <translation>借出</translation>
    </message>
    <message>
        <source>In a box</source>
        <translation>在书箱中</translation>
    </message>
    <message>
        <source>Set aside for a hold</source>
        <translation>已为预约预留</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>遗失</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>损坏</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已剔除</translation>
    </message>
    <message>
        <source>Union member</source>
        <translation>工会会员</translation>
    </message>
    <message>
        <source>Other worker</source>
        <translation>其他职工</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>This is not a valid ISBN (10 or 13 digits with a correct check digit).</source>
        <translation>这不是有效的 ISBN（应为 10 位或 13 位，且校验位正确）。</translation>
    </message>
    <message>
        <source>The year must be between 1400 and next year.</source>
        <translation>出版年应在 1400 年至明年之间。</translation>
    </message>
    <message>
        <source>Choose the kind of item.</source>
        <translation>请选择文献类型。</translation>
    </message>
    <message>
        <source>This title is no longer in the catalogue.</source>
        <translation>书目中已没有这一种书。</translation>
    </message>
    <message>
        <source>Scan or type the copy&apos;s barcode.</source>
        <translation>请扫描或输入该册的条码。</translation>
    </message>
    <message>
        <source>A barcode has at most 40 letters and digits.</source>
        <translation>条码最多 40 个字母和数字。</translation>
    </message>
    <message>
        <source>The price must be a sum like 39.80.</source>
        <translation>价格应为金额，例如 39.80。</translation>
    </message>
    <message>
        <source>The barcode {code} is already in use.</source>
        <translation>条码 {code} 已被使用。</translation>
    </message>
    <message>
        <source>This copy does not exist.</source>
        <translation>该册不存在。</translation>
    </message>
    <message>
        <source>Choose a status.</source>
        <translation>请选择状态。</translation>
    </message>
    <message>
        <source>The copy is out ({status}); take it back first.</source>
        <translation>该册不在馆（{status}），请先收回。</translation>
    </message>
    <message>
        <source>%n copy(ies) of this title are out (on loan, in a box or on the hold shelf): take them back first.</source>
        <translation>该书目有 %n 册复本不在架（已借出、在书箱中或在预约架上），请先收回。</translation>
    </message>
    <message>
        <source>%n reservation(s) wait for this title: cancel them first.</source>
        <translation>该书目有 %n 个预约在等候，请先取消这些预约。</translation>
    </message>
    <message>
        <source>“{title}” has history ({history}), so it cannot be deleted; deactivate it instead.</source>
        <translation>“{title}”已有相关记录（{history}），因此不能删除，请改为停用。</translation>
    </message>
    <message>
        <source>Copy {code} has history ({history}), so it cannot be deleted; withdraw it instead.</source>
        <translation>复本 {code} 已有相关记录（{history}），因此不能删除，请改为剔除。</translation>
    </message>
    <message>
        <source>Choose a borrower category.</source>
        <translation>请选择借阅人类别。</translation>
    </message>
    <message>
        <source>Loan days must be 1 to 365.</source>
        <translation>借期应为 1 至 365 天。</translation>
    </message>
    <message>
        <source>The maximum loans must be 0 to 200.</source>
        <translation>最多可借册数应为 0 至 200。</translation>
    </message>
    <message>
        <source>Renewals must be 0 to 10.</source>
        <translation>续借次数应为 0 至 10。</translation>
    </message>
    <message>
        <source>This borrower is no longer on file.</source>
        <translation>档案中已没有这位借阅人。</translation>
    </message>
    <message>
        <source>This copy is set aside for someone who reserved it.</source>
        <translation>该册已为预约的读者预留。</translation>
    </message>
    <message>
        <source>This copy cannot be lent: it is {status}.</source>
        <translation>该册不能借出：状态为“{status}”。</translation>
    </message>
    <message>
        <source>Reference only: this item stays in the reading room.</source>
        <translation>仅限阅览：此书不外借。</translation>
    </message>
    <message>
        <source>{name} has %n overdue book(s): borrowing is suspended until they are back.</source>
        <translation>{name}有 %n 册书逾期未还，归还前暂停借阅。</translation>
    </message>
    <message>
        <source>{name} already has %n book(s), the most allowed.</source>
        <translation>{name}已借 %n 册，已达借阅上限。</translation>
    </message>
    <message>
        <source>This copy is not on loan.</source>
        <translation>该册未借出。</translation>
    </message>
    <message>
        <source>There is nothing to undo.</source>
        <translation>没有可以撤销的操作。</translation>
    </message>
    <message>
        <source>Too late to undo; return the book instead.</source>
        <translation>已超过撤销时限，请按归还处理。</translation>
    </message>
    <message>
        <source>Too late to undo; lend it again.</source>
        <translation>已超过撤销时限，请重新借出。</translation>
    </message>
    <message>
        <source>The copy has been lent again since.</source>
        <translation>该册此后已再次借出。</translation>
    </message>
    <message>
        <source>The copy has since become {status}.</source>
        <translation>该册此后已变为“{status}”。</translation>
    </message>
    <message>
        <source>This loan is not open.</source>
        <translation>这笔借阅已不在借。</translation>
    </message>
    <message>
        <source>Cannot renew: someone has reserved this title.</source>
        <translation>不能续借：已有读者预约此书。</translation>
    </message>
    <message>
        <source>Cannot renew an overdue book: it has to come back first.</source>
        <translation>逾期图书不能续借，请先归还。</translation>
    </message>
    <message>
        <source>Cannot renew: the %n renewal(s) allowed are used.</source>
        <translation>不能续借：允许的 %n 次续借已用完。</translation>
    </message>
    <message>
        <source>This person has already reserved this title.</source>
        <translation>此人已预约这本书。</translation>
    </message>
    <message>
        <source>This person has this title on loan.</source>
        <translation>此人正借着这本书。</translation>
    </message>
    <message>
        <source>This reservation is not open.</source>
        <translation>这条预约已不在有效状态。</translation>
    </message>
    <message>
        <source>Nothing was scanned.</source>
        <translation>没有扫描到内容。</translation>
    </message>
    <message>
        <source>Box {name}</source>
        <translation>书箱 {name}</translation>
    </message>
    <message>
        <source>Borrower: {name}, %n book(s) on loan</source>
        <translation>借阅人：{name}，在借 %n 册</translation>
    </message>
    <message>
        <source>; borrowing suspended: %n overdue</source>
        <translation>；暂停借阅：%n 册逾期</translation>
    </message>
    <message>
        <source>Unknown code {code}: not a book, box, ISBN or card.</source>
        <translation>无法识别的条码 {code}：不是图书、书箱、ISBN 或借阅证。</translation>
    </message>
    <message>
        <source>Returned: {title}, %n day(s) late.</source>
        <translation>已归还：{title}，逾期 %n 天。</translation>
    </message>
    <message>
        <source>Returned on time: {title}.</source>
        <translation>按期归还：{title}。</translation>
    </message>
    <message>
        <source> It was lent to {name}.</source>
        <translation> 此书原借给 {name}。</translation>
    </message>
    <message>
        <source> Set it aside for {name}, who reserved it.</source>
        <translation>请为预约的{name}预留此书。</translation>
    </message>
    <message>
        <source>Scan the borrower&apos;s card first, then the book.</source>
        <translation>请先扫描借阅人的卡，再扫描图书。</translation>
    </message>
    <message>
        <source>Lent: {title}, due {due}.</source>
        <translation>已借出：{title}，应还日期 {due}。</translation>
    </message>
    <message>
        <source>No copy of this ISBN is on the shelf.</source>
        <translation>此 ISBN 的图书目前没有在架的。</translation>
    </message>
    <message>
        <source>ISBN {isbn} is not in the catalogue: add it?</source>
        <translation>书目中没有 ISBN {isbn}：要添加吗？</translation>
    </message>
    <message>
        <source>%n copies on the shelf: choose one.</source>
        <translation>在架 %n 册：请选择一册。</translation>
    </message>
    <message>
        <source>At the station</source>
        <translation>在站内</translation>
    </message>
    <message>
        <source>Lent out</source>
        <translation>已借出</translation>
    </message>
    <message>
        <source>Scan or type the box&apos;s barcode.</source>
        <translation>请扫描或输入书箱条码。</translation>
    </message>
    <message>
        <source>This box does not exist.</source>
        <translation>该书箱不存在。</translation>
    </message>
    <message>
        <source>Box {name} is lent out; it can be changed once it is back.</source>
        <translation>书箱{name}已借出，归还后才能调整。</translation>
    </message>
    <message>
        <source>Scan the books to put in the box.</source>
        <translation>请扫描要装入书箱的图书。</translation>
    </message>
    <message>
        <source>{code}: no copy has this barcode.</source>
        <translation>{code}：没有使用此条码的图书。</translation>
    </message>
    <message>
        <source>{code} ({title}) is already in box {box}.</source>
        <translation>{code}（{title}）已在书箱{box}中。</translation>
    </message>
    <message>
        <source>{code} ({title}) cannot be packed: it is {status}.</source>
        <translation>{code}（{title}）不能装箱：当前状态为{status}。</translation>
    </message>
    <message>
        <source>Scan the books to take out of the box.</source>
        <translation>请扫描要从书箱取出的图书。</translation>
    </message>
    <message>
        <source>{code} is not in box {box}.</source>
        <translation>{code}不在书箱{box}中。</translation>
    </message>
    <message>
        <source>Choose the workplace the box goes to.</source>
        <translation>请选择接收书箱的单位。</translation>
    </message>
    <message>
        <source>The phone number is too long.</source>
        <translation>电话号码过长。</translation>
    </message>
    <message>
        <source>Enter the day the box is handed over.</source>
        <translation>请填写交付日期。</translation>
    </message>
    <message>
        <source>Enter the day the box is due back.</source>
        <translation>请填写应还日期。</translation>
    </message>
    <message>
        <source>The box must be due back after it is handed over.</source>
        <translation>应还日期必须晚于交付日期。</translation>
    </message>
    <message>
        <source>A box can be lent for at most a year.</source>
        <translation>书箱最长借出一年。</translation>
    </message>
    <message>
        <source>Box {name} is already lent out.</source>
        <translation>书箱{name}已借出。</translation>
    </message>
    <message>
        <source>This workplace is not on file.</source>
        <translation>该单位不在档案中。</translation>
    </message>
    <message>
        <source>Box {name} is empty: pack books into it first.</source>
        <translation>书箱{name}是空的：请先装入图书。</translation>
    </message>
    <message>
        <source>This box loan does not exist.</source>
        <translation>该书箱借出记录不存在。</translation>
    </message>
    <message>
        <source>This box has already been returned.</source>
        <translation>该书箱已归还。</translation>
    </message>
    <message>
        <source>This stocktake does not exist.</source>
        <translation>该盘点不存在。</translation>
    </message>
    <message>
        <source>A stocktake of this part of the collection is already open.</source>
        <translation>这部分馆藏已有一次盘点正在进行。</translation>
    </message>
    <message>
        <source>No copy is on the shelf here: nothing to stocktake.</source>
        <translation>此处没有在架图书，无需盘点。</translation>
    </message>
    <message>
        <source>This stocktake is finished.</source>
        <translation>该盘点已结束。</translation>
    </message>
    <message>
        <source>Unknown code {code}: no copy has this barcode.</source>
        <translation>未知条码{code}：没有使用此条码的图书。</translation>
    </message>
    <message>
        <source>Already scanned: {title}.</source>
        <translation>已扫描过：{title}。</translation>
    </message>
    <message>
        <source>Misplaced: {title} belongs in {location}.</source>
        <translation>错架：{title}应在{location}。</translation>
    </message>
    <message>
        <source>no location</source>
        <translation>未定位置</translation>
    </message>
    <message>
        <source>Seen: {title}.</source>
        <translation>已清点：{title}。</translation>
    </message>
    <message>
        <source>Not expected on the shelf ({status}): {title}.</source>
        <translation>计划外（{status}）：{title}。</translation>
    </message>
    <message>
        <source>This stocktake is already finished.</source>
        <translation>该盘点已经结束。</translation>
    </message>
</context>
<context>
    <name>LibraryBoxes</name>
    <message>
        <source>{month}/{day}/{year}</source>
        <translation>{year}年{month}月{day}日</translation>
    </message>
    <message>
        <source>Box:</source>
        <translation>书箱：</translation>
    </message>
    <message>
        <source>Workplace:</source>
        <translation>接收单位：</translation>
    </message>
    <message>
        <source>Contact:</source>
        <translation>联系人：</translation>
    </message>
    <message>
        <source>Handed over on:</source>
        <translation>交付日期：</translation>
    </message>
    <message>
        <source>Due back on:</source>
        <translation>应还日期：</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Mobile book house handover sheet</source>
        <translation>流动书屋图书交接单</translation>
    </message>
    <message>
        <source>Books:</source>
        <translation>图书数量：</translation>
    </message>
    <message>
        <source>%n book(s)</source>
        <translation>%n 册</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>书名</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>The receiving workplace looks after the books, lends them to its staff and returns them all by the due date.</source>
        <translation>接收单位负责妥善保管图书、在本单位职工中借阅流通，并于应还日期前全部归还。</translation>
    </message>
    <message>
        <source>Handed over by (signature):</source>
        <translation>交付人（签字）：</translation>
    </message>
    <message>
        <source>Received by (signature):</source>
        <translation>接收人（签字）：</translation>
    </message>
    <message>
        <source>(not a book of this station)</source>
        <translation>（非本站图书）</translation>
    </message>
    <message>
        <source>Mobile book house reconciliation</source>
        <translation>流动书屋清点结果</translation>
    </message>
    <message>
        <source>Returned on:</source>
        <translation>归还日期：</translation>
    </message>
    <message>
        <source>Handed over: {handed}; back in the box: {returned}; missing: {missing}; damaged: {damaged}; extra: {extra}.</source>
        <translation>交付：{handed}册；归箱：{returned}册；缺失：{missing}册；损坏：{damaged}册；多出：{extra}件。</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>馆藏位置</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>无。</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>损坏</translation>
    </message>
    <message>
        <source>Extra</source>
        <translation>多出</translation>
    </message>
    <message>
        <source>Returned by (signature):</source>
        <translation>交还人（签字）：</translation>
    </message>
    <message>
        <source>Checked by (signature):</source>
        <translation>清点人（签字）：</translation>
    </message>
</context>
<context>
    <name>LibraryImport</name>
    <message>
        <source>The file cannot be read: {reason}</source>
        <translation>无法读取该文件：{reason}</translation>
    </message>
    <message>
        <source>Each row needs the barcode of its copy (several separated by ; or ，): a copy without a barcode cannot be lent.</source>
        <translation>每一行都要填写复本的条码（多个条码用 ; 或 ，分隔）：没有条码的复本无法外借。</translation>
    </message>
    <message>
        <source>“{code}” has a space in it; separate several barcodes with ; or ，.</source>
        <translation>“{code}”中有空格；多个条码请用 ; 或 ，分隔。</translation>
    </message>
    <message>
        <source>The number of copies must be a number.</source>
        <translation>册数必须是数字。</translation>
    </message>
    <message>
        <source>The row says {count} copies but gives %n barcode(s).</source>
        <translation>该行册数为 {count}，但只填了 %n 个条码。</translation>
    </message>
    <message>
        <source>Give one accession number per barcode, in the same order, or none.</source>
        <translation>请按条码的顺序为每个条码填写一个登录号，或者都不填。</translation>
    </message>
    <message>
        <source>The file has more than {count} rows; split it.</source>
        <translation>文件超过 {count} 行，请拆分后再导入。</translation>
    </message>
    <message>
        <source>The file has no column for the titles.</source>
        <translation>文件中没有书名列。</translation>
    </message>
    <message>
        <source>No header row with a 书名 (title) column was found in the first rows.</source>
        <translation>前几行中没有找到含“书名”列的表头行。</translation>
    </message>
    <message>
        <source>The file has no column for the barcodes.</source>
        <translation>文件中没有条码列。</translation>
    </message>
    <message>
        <source>The header row has no 条码 (barcode) column: every copy needs its barcode.</source>
        <translation>表头行中没有“条码”列：每册复本都需要条码。</translation>
    </message>
    <message>
        <source>The file has no rows to import.</source>
        <translation>文件中没有可导入的行。</translation>
    </message>
    <message>
        <source>The barcode {code} is given twice in this row.</source>
        <translation>条码 {code} 在本行中出现了两次。</translation>
    </message>
    <message>
        <source>The barcode {code} is also on row {row}.</source>
        <translation>条码 {code} 与第 {row} 行重复。</translation>
    </message>
    <message>
        <source>Another desk added a copy with one of these barcodes meanwhile; nothing was imported. Import the file again to see which.</source>
        <translation>在此期间另一台电脑添加了使用其中某个条码的复本，未导入任何内容。请重新导入该文件以查看是哪个条码。</translation>
    </message>
    <message>
        <source>Nothing was imported: %n row(s) have problems. Correct the file and import it again.</source>
        <translation>未导入任何内容：有 %n 行存在问题。请修改文件后重新导入。</translation>
    </message>
</context>
<context>
    <name>LibraryStatisticsWidget</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Loans per month</source>
        <translation>每月借阅量</translation>
    </message>
    <message>
        <source>Most borrowed titles</source>
        <translation>借阅最多的图书</translation>
    </message>
    <message>
        <source>Readers per workplace</source>
        <translation>各单位读者数</translation>
    </message>
    <message>
        <source>Box loans per site</source>
        <translation>各点流动书屋借出次数</translation>
    </message>
    <message numerus="yes">
        <source>Last 12 months: %n active reader(s)</source>
        <translation>
            <numerusform>近 12 个月：活跃读者 %n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing yet.</source>
        <translation>暂无数据。</translation>
    </message>
</context>
<context>
    <name>LibraryStocktake</name>
    <message>
        <source>{month}/{day}/{year} {time}</source>
        <translation>{year}年{month}月{day}日 {time}</translation>
    </message>
    <message>
        <source>the whole collection</source>
        <translation>全部馆藏</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>书名</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>馆藏位置</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Stocktake result</source>
        <translation>盘点结果</translation>
    </message>
    <message>
        <source>Stocktake of {where}, started {start}.</source>
        <translation>盘点范围：{where}，开始于{start}。</translation>
    </message>
    <message>
        <source>Finished {end}.</source>
        <translation>结束于{end}。</translation>
    </message>
    <message>
        <source>Expected on the shelf: {expected}; seen: {seen}; missing: {missing}; unexpected: {unexpected}; misplaced: {misplaced}.</source>
        <translation>应在架：{expected}册；已清点：{seen}册；缺失：{missing}册；计划外：{unexpected}册；错架：{misplaced}册。</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>无。</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>Misplaced</source>
        <translation>错架</translation>
    </message>
    <message>
        <source>Unexpected</source>
        <translation>计划外</translation>
    </message>
    <message>
        <source>Lent or returned during the stocktake</source>
        <translation>盘点期间借出或归还</translation>
    </message>
    <message>
        <source>Checked by (signature):</source>
        <translation>盘点人（签字）：</translation>
    </message>
</context>
<context>
    <name>LibraryTab</name>
    <message>
        <source>Overdue and &amp;due</source>
        <translation>逾期与到期(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Lend and return</source>
        <translation>借还(&amp;L)</translation>
    </message>
    <message>
        <source>Catalo&amp;gue</source>
        <translation>书目(&amp;G)</translation>
    </message>
    <message>
        <source>Mobile book ho&amp;use</source>
        <translation>流动书屋(&amp;U)</translation>
    </message>
    <message>
        <source>Stoc&amp;ktake</source>
        <translation>盘点(&amp;K)</translation>
    </message>
    <message>
        <source>Stat&amp;istics</source>
        <translation>统计(&amp;I)</translation>
    </message>
    <message>
        <source>Only librarians handle the boxes.</source>
        <translation>只有图书管理员可以处理书箱。</translation>
    </message>
</context>
<context>
    <name>LoanRowTableModel</name>
    <message>
        <source>Borrower</source>
        <translation>借阅人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Workplace</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>书名</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应还日期</translation>
    </message>
    <message>
        <source>Days overdue</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>The window was locked because it was not used for a while. {name}, enter your password to go on where you left off.</source>
        <translation>由于一段时间未操作，窗口已锁定。{name}，请输入密码，继续之前的工作。</translation>
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
        <source>Sign in as &amp;someone else</source>
        <translation>以其他身份登录(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Quit stationapp</source>
        <translation>退出 stationapp(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <source>Sign in as another staff member. Unsaved work is discarded.</source>
        <translation>以其他工作人员身份登录。未保存的内容将被放弃。</translation>
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
        <source>&amp;Reports</source>
        <translation>报表(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Monthly and yearly report…</source>
        <translation>月报和年报(&amp;M)…</translation>
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
        <source>Station se&amp;ttings…</source>
        <translation>服务站设置(&amp;T)…</translation>
    </message>
    <message>
        <source>Service &amp;catalogue…</source>
        <translation>服务目录(&amp;C)…</translation>
    </message>
    <message>
        <source>R&amp;ooms and counsellors on duty…</source>
        <translation>场地与心理咨询师值班(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Retention of personal data…</source>
        <translation>个人信息保存期限(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Backups…</source>
        <translation>备份(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Audit trail…</source>
        <translation>操作日志(&amp;A)…</translation>
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
        <source>&amp;Today</source>
        <translation>今日(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Visits</source>
        <translation>来访登记(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;People</source>
        <translation>职工档案(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Workplaces</source>
        <translation>工作单位(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Books</source>
        <translation>职工书屋(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Events</source>
        <translation>活动报名(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Mediation</source>
        <translation>劳动争议调解(&amp;M)</translation>
    </message>
    <message>
        <source>Rooms (&amp;Z)</source>
        <translation>场地预约(&amp;Z)</translation>
    </message>
    <message>
        <source>Member services (&amp;Q)</source>
        <translation>会员服务(&amp;Q)</translation>
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
    <message numerus="yes">
        <source>%n person(s) past the retention period were anonymised.</source>
        <translation>
            <numerusform>已对 %n 名超过保存期限的人员进行匿名化处理。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>备份已恢复</translation>
    </message>
    <message>
        <source>The backup was restored. Please sign in again.</source>
        <translation>备份已恢复，请重新登录。</translation>
    </message>
    <message>
        <source>The replaced database was saved as {path}.</source>
        <translation>被替换的数据库已另存为 {path}。</translation>
    </message>
    <message>
        <source>Today&apos;s automatic backup failed: {reason}</source>
        <translation>今天的自动备份失败：{reason}</translation>
    </message>
    <message>
        <source>About stationapp</source>
        <translation>关于 stationapp</translation>
    </message>
    <message>
        <source>&lt;b&gt;stationapp&lt;/b&gt; {version}&lt;br&gt;The desktop application of a street trade-union service station: visits, mediation, books and events.&lt;br&gt;&lt;br&gt;Database: {url}</source>
        <translation>&lt;b&gt;stationapp&lt;/b&gt; {version}&lt;br&gt;街道工会服务站桌面应用程序：来访接待、调解、图书和活动。&lt;br&gt;&lt;br&gt;数据库：{url}</translation>
    </message>
    <message>
        <source>Finishing today&apos;s backup…</source>
        <translation>正在完成今天的备份…</translation>
    </message>
</context>
<context>
    <name>MaterialsTable</name>
    <message>
        <source>Material</source>
        <translation>材料名称</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>原件/复印件</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>出具单位</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Add material</source>
        <translation>添加材料</translation>
    </message>
    <message>
        <source>Remove material</source>
        <translation>删除材料</translation>
    </message>
</context>
<context>
    <name>Mediation</name>
    <message>
        <source>Registered</source>
        <translation>已登记</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <source>Respondent declined</source>
        <translation>被申请人拒绝调解</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <source>In mediation</source>
        <translation>调解中</translation>
    </message>
    <message>
        <source>Mediation failed</source>
        <translation>调解不成</translation>
    </message>
    <message>
        <source>Referred to arbitration</source>
        <translation>已转仲裁</translation>
    </message>
    <message>
        <source>Agreement drafted</source>
        <translation>协议草拟中</translation>
    </message>
    <message>
        <source>Agreement in effect</source>
        <translation>协议已生效</translation>
    </message>
    <message>
        <source>Being performed</source>
        <translation>履行中</translation>
    </message>
    <message>
        <source>Performed</source>
        <translation>已履行</translation>
    </message>
    <message>
        <source>Not performed</source>
        <translation>未履行</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Do not accept…</source>
        <translation>不予受理…</translation>
    </message>
    <message>
        <source>Respondent declines…</source>
        <translation>被申请人拒绝调解…</translation>
    </message>
    <message>
        <source>Start mediation</source>
        <translation>开始调解</translation>
    </message>
    <message>
        <source>Draft an agreement</source>
        <translation>起草调解协议</translation>
    </message>
    <message>
        <source>Mediation failed…</source>
        <translation>调解不成…</translation>
    </message>
    <message>
        <source>Refer to arbitration</source>
        <translation>移送仲裁</translation>
    </message>
    <message>
        <source>Performance begins</source>
        <translation>开始履行</translation>
    </message>
    <message>
        <source>Performed in full</source>
        <translation>已全部履行</translation>
    </message>
    <message>
        <source>Not performed…</source>
        <translation>未履行…</translation>
    </message>
    <message>
        <source>Withdrawn…</source>
        <translation>撤回申请…</translation>
    </message>
    <message>
        <source>Close the case</source>
        <translation>结案</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>Unpaid wages</source>
        <translation>拖欠工资</translation>
    </message>
    <message>
        <source>Overtime pay</source>
        <translation>加班费</translation>
    </message>
    <message>
        <source>Dismissal / economic compensation</source>
        <translation>解除劳动合同/经济补偿</translation>
    </message>
    <message>
        <source>Damages</source>
        <translation>赔偿金</translation>
    </message>
    <message>
        <source>Social insurance</source>
        <translation>社会保险</translation>
    </message>
    <message>
        <source>Work injury</source>
        <translation>工伤待遇</translation>
    </message>
    <message>
        <source>Labour contract</source>
        <translation>劳动合同</translation>
    </message>
    <message>
        <source>Employment status</source>
        <translation>确认劳动关系</translation>
    </message>
    <message>
        <source>Written application</source>
        <translation>书面申请</translation>
    </message>
    <message>
        <source>Oral application</source>
        <translation>口头申请</translation>
    </message>
    <message>
        <source>Wage arrears during employment are not time-barred; the year starts when the job ends.</source>
        <translation>劳动关系存续期间因拖欠劳动报酬发生的争议不受一年时效限制；时效自劳动关系终止之日起计算。</translation>
    </message>
    <message>
        <source>Unknown: record when the worker knew of the infringement.</source>
        <translation>未知：请登记劳动者知道其权利被侵害的日期。</translation>
    </message>
    <message>
        <source>Interrupted by the mediation application on {received}; a new year runs from the end of mediation on {ended}. Advisory only.</source>
        <translation>因 {received} 申请调解而中断；自 {ended} 调解结束之日起重新计算一年。仅供参考。</translation>
    </message>
    <message>
        <source>One year from {start}; the mediation application of {received} interrupts it and a new year starts when mediation ends. Advisory only.</source>
        <translation>自 {start} 起一年；{received} 申请调解使时效中断，调解结束之日起重新计算一年。仅供参考。</translation>
    </message>
    <message>
        <source>Choose written or oral.</source>
        <translation>请选择书面申请或口头申请。</translation>
    </message>
    <message>
        <source>Add at least one applicant.</source>
        <translation>请至少添加一位申请人。</translation>
    </message>
    <message>
        <source>An applicant is no longer on file.</source>
        <translation>有一位申请人的档案已不存在。</translation>
    </message>
    <message>
        <source>Choose the employer (the respondent).</source>
        <translation>请选择用人单位（被申请人）。</translation>
    </message>
    <message>
        <source>An oral application must record this (LDMAL Art. 12).</source>
        <translation>口头申请必须记录此项（《劳动争议调解仲裁法》第十二条）。</translation>
    </message>
    <message>
        <source>Add at least one claim.</source>
        <translation>请至少添加一项请求事项。</translation>
    </message>
    <message>
        <source>Claim {n}: choose a category.</source>
        <translation>第 {n} 项请求事项：请选择类别。</translation>
    </message>
    <message>
        <source>Claim {n}: the amount must be a sum of money like 12000.50.</source>
        <translation>第 {n} 项请求事项：金额应为数字，例如 12000.50。</translation>
    </message>
    <message>
        <source>This date is in the future.</source>
        <translation>该日期晚于今天。</translation>
    </message>
    <message>
        <source>This date is before 1990.</source>
        <translation>该日期早于 1990 年。</translation>
    </message>
    <message>
        <source>The application cannot be received later.</source>
        <translation>收到申请的时间不能晚于当前时间。</translation>
    </message>
    <message>
        <source>The visit no longer exists.</source>
        <translation>该来访记录已不存在。</translation>
    </message>
    <message>
        <source>This case does not exist.</source>
        <translation>该案件不存在。</translation>
    </message>
    <message>
        <source>Only mediators may see this case.</source>
        <translation>只有调解员才能查看此案件。</translation>
    </message>
    <message>
        <source>No agreement has been drafted.</source>
        <translation>尚未起草调解协议。</translation>
    </message>
    <message>
        <source>The drafted agreement never took effect: mediation ended without one.</source>
        <translation>草拟的调解协议未生效：调解未达成协议即已结束。</translation>
    </message>
    <message>
        <source>Only when mediation has failed (ended without an agreement).</source>
        <translation>仅在调解不成（未达成协议而终止）时提供。</translation>
    </message>
    <message>
        <source>The case has not been accepted yet.</source>
        <translation>本案尚未受理。</translation>
    </message>
    <message>
        <source>The case was not accepted.</source>
        <translation>本案未受理。</translation>
    </message>
    <message>
        <source>Only when the case is not accepted or the respondent declines mediation.</source>
        <translation>仅在不予受理或被申请人拒绝调解时提供。</translation>
    </message>
    <message>
        <source>No mediation session has been recorded.</source>
        <translation>尚未记录调解会议。</translation>
    </message>
    <message>
        <source>a drafted agreement</source>
        <translation>已草拟的调解协议</translation>
    </message>
    <message>
        <source>the applicant&apos;s signature</source>
        <translation>申请人签名</translation>
    </message>
    <message>
        <source>the respondent&apos;s signature or seal</source>
        <translation>被申请人签名或盖章</translation>
    </message>
    <message>
        <source>the mediator&apos;s signature</source>
        <translation>调解员签名</translation>
    </message>
    <message>
        <source>the mediation organisation&apos;s seal</source>
        <translation>调解组织盖章</translation>
    </message>
    <message>
        <source>Give the reason for this step.</source>
        <translation>请填写此项操作的理由。</translation>
    </message>
    <message>
        <source>A case that is “{current}” cannot become “{target}”.</source>
        <translation>处于“{current}”状态的案件不能变更为“{target}”。</translation>
    </message>
    <message>
        <source>The agreement cannot take effect yet: missing {what}.</source>
        <translation>调解协议暂不能生效：缺少{what}。</translation>
    </message>
    <message>
        <source>Record that both parties agreed to the extension, and how.</source>
        <translation>请记录双方当事人同意延期的情况及方式。</translation>
    </message>
    <message>
        <source>Only a case in mediation can be extended.</source>
        <translation>只有正在调解的案件才能延期。</translation>
    </message>
    <message>
        <source>The new date must be after the current due date ({due}).</source>
        <translation>新的期限必须晚于当前期限（{due}）。</translation>
    </message>
    <message>
        <source>Extended from {old} to {new}: {note}</source>
        <translation>调解期限由 {old} 延长至 {new}：{note}</translation>
    </message>
    <message>
        <source>Choose an active mediator.</source>
        <translation>请选择一位启用中的调解员。</translation>
    </message>
    <message>
        <source>{name} is related to a party ({relations}). Give the reason for assigning them anyway, or choose another mediator.</source>
        <translation>{name}与当事人存在关联（{relations}）。如仍要指派，请填写理由，或选择其他调解员。</translation>
    </message>
    <message>
        <source>Mediator: {name}</source>
        <translation>调解员：{name}</translation>
    </message>
    <message>
        <source>Only the mediator or the head of mediation may record this.</source>
        <translation>只有该调解员本人或调解负责人可以登记此项。</translation>
    </message>
    <message>
        <source>Choose either a person or an organisation.</source>
        <translation>请选择一个人员或一个单位（二者选其一）。</translation>
    </message>
    <message>
        <source>This person or organisation is no longer on file.</source>
        <translation>档案中已没有此人员或单位。</translation>
    </message>
    <message>
        <source>Not possible while the case is “{state}”.</source>
        <translation>案件处于“{state}”状态时不能进行此操作。</translation>
    </message>
    <message>
        <source>Write the record of the session.</source>
        <translation>请填写调解笔录。</translation>
    </message>
    <message>
        <source>The session cannot be in the future.</source>
        <translation>调解会议时间不能晚于当前时间。</translation>
    </message>
    <message>
        <source>Session at {place}</source>
        <translation>调解会议，地点：{place}</translation>
    </message>
    <message>
        <source>This session is no longer planned.</source>
        <translation>该次调解会议已不在安排之中。</translation>
    </message>
    <message>
        <source>Write the terms of the agreement.</source>
        <translation>请填写调解协议内容。</translation>
    </message>
    <message>
        <source>Obligation {n}: say what is to be done and a valid amount.</source>
        <translation>第 {n} 项履行义务：请写明应履行的内容，并填写有效的金额。</translation>
    </message>
    <message>
        <source>The amount must be a sum of money like 12000.50.</source>
        <translation>金额应为数字，例如 12000.50。</translation>
    </message>
    <message>
        <source>Say what proves it (receipt, transfer slip...).</source>
        <translation>请填写履行凭证（收据、转账凭证等）。</translation>
    </message>
    <message>
        <source>This obligation does not exist.</source>
        <translation>该履行义务不存在。</translation>
    </message>
    <message>
        <source>Performed: {what}</source>
        <translation>已履行：{what}</translation>
    </message>
    <message>
        <source>Decide on acceptance</source>
        <translation>决定是否受理</translation>
    </message>
    <message>
        <source>Mediation period ends</source>
        <translation>调解期限届满</translation>
    </message>
    <message>
        <source>Joint review window ends</source>
        <translation>共同申请仲裁审查期限届满</translation>
    </message>
    <message>
        <source>Obligation due</source>
        <translation>履行期限届满</translation>
    </message>
    <message>
        <source>Case ledger</source>
        <translation>案件台账</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>案号</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>申请日期</translation>
    </message>
    <message>
        <source>Applicants</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Respondent</source>
        <translation>被申请人</translation>
    </message>
    <message>
        <source>Claims</source>
        <translation>请求事项</translation>
    </message>
    <message>
        <source>Amount claimed</source>
        <translation>请求金额</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Mediator</source>
        <translation>调解员</translation>
    </message>
    <message>
        <source>Mediation due</source>
        <translation>调解期限</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>结案日期</translation>
    </message>
    <message>
        <source>Choose the length of the session.</source>
        <translation>请选择调解会议的时长。</translation>
    </message>
    <message>
        <source>Plan the session for a time still to come.</source>
        <translation>请把调解会议安排在尚未到来的时间。</translation>
    </message>
    <message>
        <source>Choose the mediation room, or say where the session is held.</source>
        <translation>请选择调解室，或填写调解会议的地点。</translation>
    </message>
    <message>
        <source>A session is planned already: move it, or record it once it is held.</source>
        <translation>已安排了一次调解会议：请改期，或在召开后记录。</translation>
    </message>
    <message>
        <source>Session planned for {when} at {place}</source>
        <translation>已安排调解会议：{when}，地点：{place}</translation>
    </message>
    <message>
        <source>This session is no longer on file.</source>
        <translation>该次调解会议已不存在。</translation>
    </message>
    <message>
        <source>Planned session of {when} called off</source>
        <translation>已取消 {when} 的调解会议安排</translation>
    </message>
</context>
<context>
    <name>MemberActions</name>
    <message>
        <source>Member services (&amp;J)</source>
        <translation>会员服务(&amp;J)</translation>
    </message>
    <message>
        <source>Membership, the 京卡, mutual-aid cover and welfare rounds for this person</source>
        <translation>为此人办理会籍、京卡、互助保障和福利发放</translation>
    </message>
    <message>
        <source>&amp;Enrol in a mutual-aid plan…</source>
        <translation>登记参加互助保障(&amp;E)…</translation>
    </message>
    <message>
        <source>Submit a mutual-aid clai&amp;m…</source>
        <translation>受理互助保障理赔(&amp;M)…</translation>
    </message>
    <message>
        <source>Record a transfer &amp;out…</source>
        <translation>登记转出(&amp;O)…</translation>
    </message>
    <message>
        <source>Record &amp;leaving the union…</source>
        <translation>登记退会(&amp;L)…</translation>
    </message>
    <message>
        <source>Record &amp;joining the union…</source>
        <translation>登记入会(&amp;J)…</translation>
    </message>
    <message>
        <source>Record a transfer &amp;in…</source>
        <translation>登记转入(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Apply for a 京卡…</source>
        <translation>申请京卡(&amp;A)…</translation>
    </message>
    <message>
        <source>A 京卡 &amp;given earlier…</source>
        <translation>登记已有京卡(&amp;G)…</translation>
    </message>
    <message>
        <source>I&amp;ssue the 京卡 (scan its number)…</source>
        <translation>发卡（扫描卡号）(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Cancel the application…</source>
        <translation>撤销申请(&amp;C)…</translation>
    </message>
    <message>
        <source>Re&amp;port the 京卡 lost</source>
        <translation>京卡挂失(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Replace the 京卡…</source>
        <translation>补办京卡(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Cancel the 京卡…</source>
        <translation>注销京卡(&amp;C)…</translation>
    </message>
    <message>
        <source>Add to a welfare roun&amp;d</source>
        <translation>加入福利发放活动(&amp;D)</translation>
    </message>
    <message>
        <source>Record a deli&amp;very</source>
        <translation>登记发放(&amp;V)</translation>
    </message>
    <message>
        <source>Issue the 京卡</source>
        <translation>发放京卡</translation>
    </message>
    <message>
        <source>Replace card {number}</source>
        <translation>补办京卡 {number}</translation>
    </message>
    <message>
        <source>京卡 {number} reported lost.</source>
        <translation>京卡 {number} 已挂失。</translation>
    </message>
    <message>
        <source>Added to {round}.</source>
        <translation>已加入{round}。</translation>
    </message>
    <message>
        <source>Delivery recorded: {round}.</source>
        <translation>已登记发放：{round}。</translation>
    </message>
</context>
<context>
    <name>MemberDialogs</name>
    <message>
        <source>Scan or type the card number</source>
        <translation>扫描或输入卡号</translation>
    </message>
    <message>
        <source>Card &amp;number:</source>
        <translation>卡号(&amp;N)：</translation>
    </message>
    <message>
        <source>Issued &amp;on:</source>
        <translation>发卡日期(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Who:</source>
        <translation>人员(&amp;W)：</translation>
    </message>
    <message>
        <source>Nobody chosen yet: type and press Enter.</source>
        <translation>尚未选择人员：输入后按回车。</translation>
    </message>
    <message>
        <source>not a member</source>
        <translation>非会员</translation>
    </message>
    <message>
        <source>member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Find the person first.</source>
        <translation>请先查找人员。</translation>
    </message>
    <message>
        <source>A workplace union, or type a union outside the register</source>
        <translation>选择单位工会，或输入登记册以外的工会</translation>
    </message>
    <message>
        <source>The station&apos;s joint union</source>
        <translation>服务站联合工会</translation>
    </message>
</context>
<context>
    <name>MemberHistory</name>
    <message>
        <source>(no number yet)</source>
        <translation>（尚无卡号）</translation>
    </message>
    <message>
        <source>date unknown</source>
        <translation>日期不详</translation>
    </message>
    <message>
        <source>京卡 {number}&#x3000;{state}&#x3000;{when}</source>
        <translation>京卡 {number}&#x3000;{state}&#x3000;{when}</translation>
    </message>
</context>
<context>
    <name>MemberServicesTab</name>
    <message>
        <source>Cards</source>
        <translation>京卡</translation>
    </message>
    <message>
        <source>Mutual-aid cover</source>
        <translation>互助保障</translation>
    </message>
    <message>
        <source>Welfare rounds</source>
        <translation>福利发放</translation>
    </message>
</context>
<context>
    <name>Members</name>
    <message>
        <source>Joined</source>
        <translation>入会</translation>
    </message>
    <message>
        <source>Transferred in</source>
        <translation>转入</translation>
    </message>
    <message>
        <source>Transferred out</source>
        <translation>转出</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>退会</translation>
    </message>
    <message>
        <source>Applied, waiting</source>
        <translation>已申请，待发卡</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>已发卡</translation>
    </message>
    <message>
        <source>Reported lost</source>
        <translation>已挂失</translation>
    </message>
    <message>
        <source>Replaced</source>
        <translation>已补办换卡</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已注销</translation>
    </message>
    <message>
        <source>This person is no longer on file.</source>
        <translation>此人已不在档案中。</translation>
    </message>
    <message>
        <source>The date is in the future.</source>
        <translation>日期晚于今天。</translation>
    </message>
    <message>
        <source>The date is before {day}, the card&apos;s previous step.</source>
        <translation>日期早于 {day}（上一步的日期）。</translation>
    </message>
    <message>
        <source>{name} has applied already and waits for the card.</source>
        <translation>{name}已提交申请，正在等待发卡。</translation>
    </message>
    <message>
        <source>{name} has a card already: report it lost and replace it, or cancel it.</source>
        <translation>{name}已有京卡：请先挂失补办或注销原卡。</translation>
    </message>
    <message>
        <source>Scan or type the card number.</source>
        <translation>请扫描或输入卡号。</translation>
    </message>
    <message>
        <source>This card number is on file already.</source>
        <translation>此卡号已登记。</translation>
    </message>
    <message>
        <source>{name} is not a member: the card needs membership first (record it joining).</source>
        <translation>{name}不是工会会员：办理京卡须先入会（请先登记入会）。</translation>
    </message>
    <message>
        <source>This visit is not the person&apos;s.</source>
        <translation>此来访记录不属于该人员。</translation>
    </message>
    <message>
        <source>This card is no longer on file.</source>
        <translation>此卡已不在记录中。</translation>
    </message>
    <message>
        <source>This card is not waiting: it is {state}.</source>
        <translation>此卡不在待发状态：当前为“{state}”。</translation>
    </message>
    <message>
        <source>Only an issued card can be reported lost.</source>
        <translation>只有已发放的卡才能挂失。</translation>
    </message>
    <message>
        <source>Only an issued or lost card can be replaced.</source>
        <translation>只有已发放或已挂失的卡才能补办。</translation>
    </message>
    <message>
        <source>Say why the card is cancelled.</source>
        <translation>请填写注销原因。</translation>
    </message>
    <message>
        <source>This card has ended already.</source>
        <translation>此卡已注销或已换卡。</translation>
    </message>
    <message>
        <source>Emptied in the register</source>
        <translation>在档案中清空卡号</translation>
    </message>
    <message>
        <source>Two records of one person merged</source>
        <translation>同一人的两份档案已合并</translation>
    </message>
    <message>
        <source>Choose what happened.</source>
        <translation>请选择会籍变动类型。</translation>
    </message>
    <message>
        <source>{name} is already a member.</source>
        <translation>{name}已是工会会员。</translation>
    </message>
    <message>
        <source>{name} is not a member.</source>
        <translation>{name}不是工会会员。</translation>
    </message>
    <message>
        <source>Say which union the person comes from.</source>
        <translation>请填写转出工会（从哪个工会转入）。</translation>
    </message>
    <message>
        <source>Say which union the person goes to.</source>
        <translation>请填写转入工会（转到哪个工会）。</translation>
    </message>
    <message>
        <source>This workplace is no longer on file.</source>
        <translation>此单位已不在档案中。</translation>
    </message>
    <message>
        <source>Say why the person leaves the union.</source>
        <translation>请填写退会原因。</translation>
    </message>
    <message>
        <source>Unticked in the register</source>
        <translation>在档案中取消会员勾选</translation>
    </message>
</context>
<context>
    <name>MembershipDialog</name>
    <message>
        <source>Membership</source>
        <translation>会籍变动</translation>
    </message>
    <message>
        <source>&amp;What:</source>
        <translation>变动类型(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;On:</source>
        <translation>日期(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Union:</source>
        <translation>工会(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
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
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
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
        <translation>会员卡号</translation>
    </message>
    <message>
        <source>Joined the union</source>
        <translation>入会时间</translation>
    </message>
    <message>
        <source>Retirement age before 2025</source>
        <translation>2025年前退休年龄</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
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
        <source>Merge two records of the same person</source>
        <translation>合并同一人的两份档案</translation>
    </message>
    <message>
        <source>Find the other record of this person (a duplicate). Its visits, cases, loans, registrations and files move to the record kept; the other is kept as merged.</source>
        <translation>查找此人的另一份（重复）档案。其来访、案件、借阅、报名和档案资料将转到保留的档案；另一份档案标记为已合并并予以保留。</translation>
    </message>
    <message>
        <source>&amp;Other record:</source>
        <translation>另一份档案(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Merge…</source>
        <translation>合并(&amp;M)…</translation>
    </message>
    <message>
        <source>Kept record</source>
        <translation>保留的档案</translation>
    </message>
    <message>
        <source>Other record</source>
        <translation>另一份档案</translation>
    </message>
    <message>
        <source>The same in both records</source>
        <translation>两份档案相同</translation>
    </message>
    <message>
        <source>Moves to the kept record: {what}.</source>
        <translation>将转到保留档案：{what}。</translation>
    </message>
    <message>
        <source>The other record has no history to move.</source>
        <translation>另一份档案没有需要转移的记录。</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Merge {other} into {keep}? Everything on the other record moves to the kept one; this cannot be undone.</source>
        <translation>将 {other} 合并到 {keep}？另一份档案的全部记录将转到保留的档案，此操作无法撤销。</translation>
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
        <source>The schema version of this database (“{version}”) is not a number: the file was changed by another program or is damaged. It was left untouched; restore a backup.</source>
        <translation>此数据库的结构版本（“{version}”）不是数字：文件已被其他程序改动或已损坏。程序未对其做任何改动；请从备份恢复。</translation>
    </message>
    <message>
        <source>This database was written by a newer version of stationapp (schema {found}; this program knows up to {known}). Please install the newer version. The database was left untouched.</source>
        <translation>此数据库由更新版本的 stationapp 写入（数据库结构版本 {found}；本程序最高支持版本 {known}）。请安装新版本。程序未对数据库做任何改动。</translation>
    </message>
    <message>
        <source>Backing up the database before the upgrade</source>
        <translation>升级前备份数据库</translation>
    </message>
    <message>
        <source>Schema version {version} of {target}</source>
        <translation>数据库结构版本 {version}/{target}</translation>
    </message>
</context>
<context>
    <name>MutualAid</name>
    <message>
        <source>In-service hospitalisation</source>
        <translation>在职职工住院医疗</translation>
    </message>
    <message>
        <source>Serious illness</source>
        <translation>重大疾病</translation>
    </message>
    <message>
        <source>Accidental injury</source>
        <translation>意外伤害</translation>
    </message>
    <message>
        <source>Women workers&apos; special illness</source>
        <translation>女职工特殊疾病</translation>
    </message>
    <message>
        <source>Share of the amount left</source>
        <translation>按自付部分比例</translation>
    </message>
    <message>
        <source>Fixed sum</source>
        <translation>定额给付</translation>
    </message>
    <message>
        <source>Workplace union</source>
        <translation>单位工会</translation>
    </message>
    <message>
        <source>The worker</source>
        <translation>职工本人</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Returned for materials</source>
        <translation>退回补材料</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已核准</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>已拒付</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已支付</translation>
    </message>
    <message>
        <source>Give the amount in yuan.</source>
        <translation>请填写金额（元）。</translation>
    </message>
    <message>
        <source>Give the amount in yuan, for example 1200.50.</source>
        <translation>请以元为单位填写金额，例如 1200.50。</translation>
    </message>
    <message>
        <source>The amount must be from 0 to 10,000,000 yuan.</source>
        <translation>金额须在 0 至 10,000,000 元之间。</translation>
    </message>
    <message>
        <source>The amount has at most two decimal places (fen).</source>
        <translation>金额最多保留两位小数（分）。</translation>
    </message>
    <message>
        <source>This claim is no longer on file.</source>
        <translation>系统中已没有这笔理赔。</translation>
    </message>
    <message>
        <source>Give the claim date.</source>
        <translation>请填写申请日期。</translation>
    </message>
    <message>
        <source>The claim date is in the future.</source>
        <translation>申请日期不能晚于今天。</translation>
    </message>
    <message>
        <source>Give the admission date.</source>
        <translation>请填写入院日期。</translation>
    </message>
    <message>
        <source>Give the discharge date.</source>
        <translation>请填写出院日期。</translation>
    </message>
    <message>
        <source>Give the date of the event.</source>
        <translation>请填写出险日期。</translation>
    </message>
    <message>
        <source>The discharge is before the admission.</source>
        <translation>出院日期早于入院日期。</translation>
    </message>
    <message>
        <source>The date is in the future.</source>
        <translation>日期不能晚于今天。</translation>
    </message>
    <message>
        <source>The claim date is before the event.</source>
        <translation>申请日期早于出险（出院）日期。</translation>
    </message>
    <message>
        <source>Medical insurance paid more than the total expenses.</source>
        <translation>医保支付金额超过了医疗费用总额。</translation>
    </message>
    <message>
        <source>The claim is more than what is left after medical insurance ({left}).</source>
        <translation>申请金额超过了医保报销后的自付部分（{left}）。</translation>
    </message>
    <message>
        <source>The event is outside the plan&apos;s cover ({start} to {end}).</source>
        <translation>出险日期不在保障期内（{start} 至 {end}）。</translation>
    </message>
    <message>
        <source>The event falls in the waiting period: cover starts on {day} for this worker.</source>
        <translation>出险日期在等待期内：该职工自 {day} 起才享受保障。</translation>
    </message>
    <message>
        <source>The claim is late: the deadline was {day}. A late claim is accepted only with the reason, by the head of the station.</source>
        <translation>申请已逾期：截止日期为 {day}。逾期申请须写明原因，并由站长受理。</translation>
    </message>
    <message>
        <source>Only the head of the station may accept a late claim.</source>
        <translation>逾期申请只能由站长受理。</translation>
    </message>
    <message>
        <source>The claim is within the deadline: leave the reason for lateness empty.</source>
        <translation>该申请未超过时限，“逾期原因”请留空。</translation>
    </message>
    <message>
        <source>Record the worker&apos;s consent to keep health data before taking a claim.</source>
        <translation>受理理赔前，请先登记职工同意保存健康信息。</translation>
    </message>
    <message>
        <source>Choose the plan the worker is enrolled in.</source>
        <translation>请选择职工参加的保障项目。</translation>
    </message>
    <message>
        <source>The worker is not enrolled in this plan.</source>
        <translation>该职工未参加此保障项目。</translation>
    </message>
    <message>
        <source>This person is no longer on file.</source>
        <translation>档案中已没有此人。</translation>
    </message>
    <message>
        <source>The plan&apos;s yearly cap of {cap} yuan is used up for this worker.</source>
        <translation>该职工本年度 {cap} 元的保障限额已用完。</translation>
    </message>
    <message>
        <source>The claim is {state}: this step is not open to it.</source>
        <translation>这笔理赔状态为“{state}”，不能进行此操作。</translation>
    </message>
    <message>
        <source>Say which materials are missing.</source>
        <translation>请写明缺少哪些材料。</translation>
    </message>
    <message>
        <source>Materials still missing: {names}. Return the claim for them.</source>
        <translation>仍缺材料：{names}。请退回补材料。</translation>
    </message>
    <message>
        <source>Say why the amount differs from the {computed} yuan the rules give.</source>
        <translation>核准金额与按规则计算的 {computed} 元不同，请写明原因。</translation>
    </message>
    <message>
        <source>The plan&apos;s yearly cap leaves {left} yuan for this worker.</source>
        <translation>该职工本年度保障限额仅余 {left} 元。</translation>
    </message>
    <message>
        <source>Say why the claim is refused.</source>
        <translation>请写明拒付理由。</translation>
    </message>
    <message>
        <source>Give the payment date.</source>
        <translation>请填写支付日期。</translation>
    </message>
    <message>
        <source>The payment date is in the future.</source>
        <translation>支付日期不能晚于今天。</translation>
    </message>
    <message>
        <source>The payment is more than the {approved} yuan approved.</source>
        <translation>支付金额超过了核准的 {approved} 元。</translation>
    </message>
    <message>
        <source>The payment date is before the approval.</source>
        <translation>支付日期早于核准日期。</translation>
    </message>
    <message>
        <source>Choose a plan.</source>
        <translation>请选择保障项目。</translation>
    </message>
    <message>
        <source>This plan is closed to new enrolments.</source>
        <translation>该保障项目已停止参保。</translation>
    </message>
    <message>
        <source>Give the enrolment date.</source>
        <translation>请填写参保日期。</translation>
    </message>
    <message>
        <source>The enrolment date is in the future.</source>
        <translation>参保日期不能晚于今天。</translation>
    </message>
    <message>
        <source>The plan&apos;s cover has ended by this date.</source>
        <translation>到此日期该项目的保障期已结束。</translation>
    </message>
    <message>
        <source>Choose who pays the premium.</source>
        <translation>请选择由谁缴费。</translation>
    </message>
    <message>
        <source>Choose the workplace whose union pays the premium.</source>
        <translation>请选择缴费的单位工会。</translation>
    </message>
    <message>
        <source>This workplace is not on file.</source>
        <translation>档案中没有此单位。</translation>
    </message>
    <message>
        <source>This person is already enrolled in this plan for its year.</source>
        <translation>此人已参加本年度的这一保障项目。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>The file has more than {count} rows; split it.</source>
        <translation>文件超过 {count} 行，请拆分后再导入。</translation>
    </message>
    <message>
        <source>No header row with a 姓名 or 身份证号 column was found.</source>
        <translation>没有找到含“姓名”或“身份证号”列的表头行。</translation>
    </message>
    <message>
        <source>The file has no rows to import.</source>
        <translation>文件中没有可导入的行。</translation>
    </message>
    <message>
        <source>Nothing was imported: %n row(s) do not match a worker on file.</source>
        <translation>未导入任何记录：有 %n 行与档案中的职工对不上。</translation>
    </message>
    <message>
        <source>The spreadsheet kept this ID number as a number and lost digits; format the column as text.</source>
        <translation>表格把身份证号存成了数字，后几位已丢失；请把该列设为文本格式。</translation>
    </message>
    <message>
        <source>Give a name or ID number.</source>
        <translation>请填写姓名或身份证号。</translation>
    </message>
    <message>
        <source>The same worker as row {row}.</source>
        <translation>与第 {row} 行是同一名职工。</translation>
    </message>
    <message>
        <source>No worker on file has this ID number.</source>
        <translation>档案中没有这个身份证号的职工。</translation>
    </message>
    <message>
        <source>The worker with this ID number is on file under another name.</source>
        <translation>档案中这个身份证号对应的职工姓名不同。</translation>
    </message>
    <message>
        <source>No worker of this name is on file for the workplace.</source>
        <translation>该单位档案中没有这个姓名的职工。</translation>
    </message>
    <message>
        <source>Several workers have this name: give the ID number.</source>
        <translation>有多名职工同名，请填写身份证号。</translation>
    </message>
    <message>
        <source>Mutual-aid enrolments</source>
        <translation>互助保障参保</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>保障项目</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>参保日期</translation>
    </message>
    <message>
        <source>Paid by</source>
        <translation>缴费方</translation>
    </message>
    <message>
        <source>Mutual-aid claims</source>
        <translation>互助保障理赔</translation>
    </message>
    <message>
        <source>Claimed on</source>
        <translation>申请日期</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Claimed</source>
        <translation>申请金额</translation>
    </message>
    <message>
        <source>Diagnosis</source>
        <translation>诊断</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Give a whole number from {low} to {high}.</source>
        <translation>请填写 {low} 至 {high} 之间的整数。</translation>
    </message>
    <message>
        <source>Choose the kind of plan.</source>
        <translation>请选择项目类别。</translation>
    </message>
    <message>
        <source>Give the cover&apos;s start.</source>
        <translation>请填写保障起始日期。</translation>
    </message>
    <message>
        <source>Give the cover&apos;s end.</source>
        <translation>请填写保障截止日期。</translation>
    </message>
    <message>
        <source>The cover ends before it starts.</source>
        <translation>保障截止日期早于起始日期。</translation>
    </message>
    <message>
        <source>Choose how the benefit is worked out.</source>
        <translation>请选择给付方式。</translation>
    </message>
    <message>
        <source>The rate is a percentage from 0 to 100.</source>
        <translation>比例为 0 至 100 之间的百分数。</translation>
    </message>
    <message>
        <source>At most 30 materials.</source>
        <translation>材料最多 30 项。</translation>
    </message>
    <message>
        <source>This service is not in the catalogue.</source>
        <translation>服务目录中没有这项服务。</translation>
    </message>
    <message>
        <source>A plan of this name exists for that year.</source>
        <translation>该年度已有同名的保障项目。</translation>
    </message>
    <message>
        <source>This plan is no longer on file.</source>
        <translation>系统中已没有这个保障项目。</translation>
    </message>
</context>
<context>
    <name>MutualAidPage</name>
    <message>
        <source>E&amp;dit plan…</source>
        <translation>修改项目(&amp;D)…</translation>
    </message>
    <message>
        <source>P&amp;lans</source>
        <translation>保障项目(&amp;L)</translation>
    </message>
    <message>
        <source>The plan is saved.</source>
        <translation>保障项目已保存。</translation>
    </message>
    <message>
        <source>New pla&amp;n…</source>
        <translation>新建项目(&amp;N)…</translation>
    </message>
    <message>
        <source>Worker (&amp;J):</source>
        <translation>职工(&amp;J)：</translation>
    </message>
    <message>
        <source>An&amp;y worker</source>
        <translation>全部职工(&amp;Y)</translation>
    </message>
    <message>
        <source>Pla&amp;n:</source>
        <translation>保障项目(&amp;N)：</translation>
    </message>
    <message>
        <source>Any plan</source>
        <translation>全部项目</translation>
    </message>
    <message>
        <source>Wor&amp;kplace:</source>
        <translation>单位(&amp;K)：</translation>
    </message>
    <message>
        <source>Any workplace</source>
        <translation>全部单位</translation>
    </message>
    <message numerus="yes">
        <source>%n enrolment(s)</source>
        <translation>
            <numerusform>共 %n 条参保记录</numerusform>
        </translation>
    </message>
    <message>
        <source>Enrol at the &amp;desk…</source>
        <translation>窗口登记参保(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Import a list…</source>
        <translation>导入参保名单(&amp;I)…</translation>
    </message>
    <message>
        <source>Enr&amp;olments</source>
        <translation>参保登记(&amp;O)</translation>
    </message>
    <message>
        <source>Enrolments of {name}</source>
        <translation>{name} 的参保记录</translation>
    </message>
    <message>
        <source>No enrolments here. Enrol a worker at the desk, or import a workplace&apos;s list.</source>
        <translation>这里还没有参保记录。可在窗口为职工登记参保，或导入单位的参保名单。</translation>
    </message>
    <message>
        <source>The worker is enrolled.</source>
        <translation>已为该职工登记参保。</translation>
    </message>
    <message numerus="yes">
        <source>%n worker(s) enrolled; {already} were enrolled already.</source>
        <translation>
            <numerusform>已为 %n 名职工登记参保；另有 {already} 人此前已参保。</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>显示(&amp;S)：</translation>
    </message>
    <message>
        <source>All claims</source>
        <translation>全部理赔</translation>
    </message>
    <message numerus="yes">
        <source>%n claim(s)</source>
        <translation>
            <numerusform>共 %n 笔理赔</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;New claim…</source>
        <translation>受理理赔(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Details…</source>
        <translation>查看详情(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Claims</source>
        <translation>理赔(&amp;C)</translation>
    </message>
    <message>
        <source>No claims in this state. Take a new claim with “New claim”.</source>
        <translation>没有这一状态的理赔。可点“受理理赔”受理新的申请。</translation>
    </message>
    <message>
        <source>The claim is submitted.</source>
        <translation>理赔申请已提交。</translation>
    </message>
    <message>
        <source>Choose a claim in the list first.</source>
        <translation>请先在列表中选中一笔理赔。</translation>
    </message>
    <message>
        <source>{year} {name}</source>
        <translation>{year}年 {name}</translation>
    </message>
    <message>
        <source>Find the worker first.</source>
        <translation>请先找到职工。</translation>
    </message>
    <message>
        <source>{day}&#x3000;enrolled in {plan}&#x3000;{payer}</source>
        <translation>{day}&#x3000;参加 {plan}&#x3000;{payer}缴费</translation>
    </message>
    <message>
        <source>{day}&#x3000;claim under {plan}&#x3000;{state}&#x3000;{amount} yuan</source>
        <translation>{day}&#x3000;{plan}理赔&#x3000;{state}&#x3000;{amount} 元</translation>
    </message>
</context>
<context>
    <name>MutualAidTerms</name>
    <message>
        <source>Pla&amp;n:</source>
        <translation>保障项目(&amp;N)：</translation>
    </message>
    <message>
        <source>Enrolled &amp;on:</source>
        <translation>参保日期(&amp;O)：</translation>
    </message>
    <message>
        <source>Premium &amp;paid by:</source>
        <translation>缴费方(&amp;P)：</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— 无 —</translation>
    </message>
    <message>
        <source>&amp;Workplace union:</source>
        <translation>缴费单位工会(&amp;W)：</translation>
    </message>
</context>
<context>
    <name>NewBoxDialog</name>
    <message>
        <source>New box</source>
        <translation>新建书箱</translation>
    </message>
    <message>
        <source>Scan the label on the box</source>
        <translation>扫描书箱上的条码标签</translation>
    </message>
    <message>
        <source>&amp;Barcode</source>
        <translation>条码(&amp;B)</translation>
    </message>
    <message>
        <source>For example: Box 1, history and biography</source>
        <translation>例如：一号书箱（历史传记）</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>NewClaimDialog</name>
    <message>
        <source>New claim</source>
        <translation>受理理赔</translation>
    </message>
    <message>
        <source>Wor&amp;ker:</source>
        <translation>职工(&amp;K)：</translation>
    </message>
    <message>
        <source>Pla&amp;n enrolled in:</source>
        <translation>参保项目(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Admitted on:</source>
        <translation>入院日期(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Discharged on:</source>
        <translation>出院日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Date of the &amp;event:</source>
        <translation>出险日期(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Claimed on:</source>
        <translation>申请日期(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Total expenses (yuan):</source>
        <translation>医疗费用总额（元）(&amp;T)：</translation>
    </message>
    <message>
        <source>Paid by medical &amp;insurance (yuan):</source>
        <translation>医保支付（元）(&amp;I)：</translation>
    </message>
    <message>
        <source>Empty: what is left after insurance</source>
        <translation>留空：按医保报销后的自付部分</translation>
    </message>
    <message>
        <source>Amount clai&amp;med (yuan):</source>
        <translation>申请金额（元）(&amp;M)：</translation>
    </message>
    <message>
        <source>Materials &amp;handed in:</source>
        <translation>已交材料(&amp;H)：</translation>
    </message>
    <message>
        <source>Dia&amp;gnosis:</source>
        <translation>诊断(&amp;G)：</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
    <message>
        <source>Only for a claim after the deadline</source>
        <translation>仅逾期申请填写</translation>
    </message>
    <message>
        <source>Why &amp;late:</source>
        <translation>逾期原因(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Submit</source>
        <translation>提交(&amp;S)</translation>
    </message>
    <message>
        <source>This worker is enrolled in no plan.</source>
        <translation>该职工未参加任何保障项目。</translation>
    </message>
</context>
<context>
    <name>NoticeSheet</name>
    <message>
        <source>{month}/{day}/{year}</source>
        <translation>{year}年{month}月{day}日</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>原件</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复印件</translation>
    </message>
    <message>
        <source>Original and copy</source>
        <translation>原件及复印件</translation>
    </message>
    <message>
        <source>No materials are needed.</source>
        <translation>无需提供材料。</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>材料名称</translation>
    </message>
    <message>
        <source>Original/copy</source>
        <translation>原件/复印件</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>出具单位</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺</translation>
    </message>
    <message>
        <source>{number}. {service}</source>
        <translation>{number}、{service}</translation>
    </message>
    <message>
        <source>Basis:</source>
        <translation>办理依据：</translation>
    </message>
    <message>
        <source>Required materials:</source>
        <translation>所需材料：</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>办理流程：</translation>
    </message>
    <message>
        <source>Time limit:</source>
        <translation>办理时限：</translation>
    </message>
    <message>
        <source>Fee:</source>
        <translation>收费标准：</translation>
    </message>
    <message>
        <source>Place and contact:</source>
        <translation>办理地点及联系方式：</translation>
    </message>
    <message>
        <source>Conditions:</source>
        <translation>办理条件：</translation>
    </message>
    <message>
        <source>Visitor: {name}</source>
        <translation>来访人：{name}</translation>
    </message>
    <message>
        <source>Date: {date}</source>
        <translation>日期：{date}</translation>
    </message>
    <message>
        <source>Handled by: {name}</source>
        <translation>经办人：{name}</translation>
    </message>
    <message>
        <source>One-time notice</source>
        <translation>一次性告知书</translation>
    </message>
    <message>
        <source>Notified by (signature):</source>
        <translation>告知人签字：</translation>
    </message>
    <message>
        <source>Applicant (signature):</source>
        <translation>申请人签字：</translation>
    </message>
    <message>
        <source>All the materials listed above have been stated at once.</source>
        <translation>以上材料已一次性告知。</translation>
    </message>
    <message>
        <source>Station contact: {contact}</source>
        <translation>服务站联系方式：{contact}</translation>
    </message>
</context>
<context>
    <name>NotifyDialog</name>
    <message>
        <source>People to notify</source>
        <translation>需通知的人员</translation>
    </message>
    <message numerus="yes">
        <source>{title} is cancelled. Tell these %n people:</source>
        <translation>
            <numerusform>“{title}”已取消，请通知以下 %n 人：</numerusform>
        </translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Workplace</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>&amp;Print list…</source>
        <translation>打印名单(&amp;P)…</translation>
    </message>
</context>
<context>
    <name>OpenAffairsSection</name>
    <message>
        <source>Checked on</source>
        <translation>检查日期</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>检查发现</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>后续跟进</translation>
    </message>
    <message>
        <source>No open-affairs check recorded yet. Record one with “Record a check…”.</source>
        <translation>暂无厂务公开检查记录。请点“登记检查…”登记。</translation>
    </message>
    <message>
        <source>Record a check… (&amp;S)</source>
        <translation>登记检查(&amp;S)…</translation>
    </message>
    <message>
        <source>Chan&amp;ge check…</source>
        <translation>修改检查记录(&amp;G)…</translation>
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
    <name>OutreachSessionDialog</name>
    <message>
        <source>New outreach session</source>
        <translation>新建走访服务</translation>
    </message>
    <message>
        <source>Type to search</source>
        <translation>输入以搜索</translation>
    </message>
    <message>
        <source>&amp;Workplace or community</source>
        <translation>单位或社区(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <source>Space ticks or unticks the highlighted service</source>
        <translation>按空格键勾选或取消勾选当前事项</translation>
    </message>
    <message>
        <source>Services &amp;offered</source>
        <translation>提供的服务(&amp;O)</translation>
    </message>
    <message>
        <source>Where exactly, with whom, what was handed out</source>
        <translation>具体地点、与谁一起、发放了什么</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <source>No workplace or community has this name. Choose one from the list or create it with New….</source>
        <translation>没有此名称的单位或社区。请从列表中选择，或点击“新建…”创建。</translation>
    </message>
</context>
<context>
    <name>OutreachVisitorsDialog</name>
    <message>
        <source>Outreach visitors</source>
        <translation>走访服务来访人</translation>
    </message>
    <message>
        <source>{organization}, {date}</source>
        <translation>{organization}，{date}</translation>
    </message>
    <message>
        <source>No longer offered, so not recorded: {services}</source>
        <translation>以下事项已停办，不作记录：{services}</translation>
    </message>
    <message>
        <source>&amp;Visitor</source>
        <translation>来访人(&amp;V)</translation>
    </message>
    <message>
        <source>Anonymous visitor +1</source>
        <translation>匿名来访 +1</translation>
    </message>
    <message>
        <source>A visitor who gave no details (Ctrl+Shift+A)</source>
        <translation>未留个人信息的来访人（Ctrl+Shift+A）</translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation>来访人</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Space ticks or unticks a service; Delete removes the visitor</source>
        <translation>按空格键勾选或取消勾选事项；按 Delete 键移除来访人</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>Remove the selected visitor (Delete)</source>
        <translation>移除选中的来访人（Delete）</translation>
    </message>
    <message>
        <source>&amp;Save all</source>
        <translation>全部保存(&amp;S)</translation>
    </message>
    <message>
        <source>Record every visitor in the list (Ctrl+Enter)</source>
        <translation>登记列表中的所有来访人（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>{name} is already in the list.</source>
        <translation>{name} 已在列表中。</translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message numerus="yes">
        <source>%n visitors in the list</source>
        <translation>
            <numerusform>列表中共 %n 位来访人</numerusform>
        </translation>
    </message>
    <message>
        <source>Discard visitors</source>
        <translation>放弃来访人</translation>
    </message>
    <message numerus="yes">
        <source>Discard the %n visitors in the list? They have not been saved.</source>
        <translation>
            <numerusform>放弃列表中的 %n 位来访人吗？他们尚未保存。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OutreachWidget</name>
    <message>
        <source>&amp;New outreach session…</source>
        <translation>新建走访服务(&amp;N)…</translation>
    </message>
    <message>
        <source>Enter v&amp;isitors…</source>
        <translation>录入来访人(&amp;I)…</translation>
    </message>
    <message>
        <source>Enter the visitors of the selected session</source>
        <translation>录入所选走访服务的来访人</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Workplace or community</source>
        <translation>单位或社区</translation>
    </message>
    <message>
        <source>Services offered</source>
        <translation>提供的服务</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message numerus="yes">
        <source>%n recent sessions</source>
        <translation>
            <numerusform>最近 %n 次走访服务</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recorded %n visits of the outreach session.</source>
        <translation>
            <numerusform>已登记该次走访服务的 %n 次来访。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OverdueLists</name>
    <message>
        <source>{month}/{day}/{year}</source>
        <translation>{year}年{month}月{day}日</translation>
    </message>
    <message>
        <source>Call list: books due soon</source>
        <translation>到期提醒电话清单</translation>
    </message>
    <message>
        <source>Call list: overdue books</source>
        <translation>催还电话清单</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <source>Days overdue</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Borrower</source>
        <translation>借阅人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Workplace</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Books (barcode, due date)</source>
        <translation>图书（条码，应还日期）</translation>
    </message>
    <message>
        <source>Call notes</source>
        <translation>电话记录</translation>
    </message>
    <message>
        <source>{title} ({barcode}, due {date})</source>
        <translation>{title}（{barcode}，应还日期 {date}）</translation>
    </message>
    <message>
        <source>%n borrower(s)</source>
        <translation>共 %n 位借阅人</translation>
    </message>
    <message>
        <source>, %n book(s)</source>
        <translation>，%n 本图书</translation>
    </message>
    <message>
        <source>{station}, {date}</source>
        <translation>{station}&#x3000;{date}</translation>
    </message>
    <message>
        <source>No one to call.</source>
        <translation>无需电话催还。</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>书名</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>应还日期</translation>
    </message>
    <message>
        <source>Reminder to return books</source>
        <translation>催还通知书</translation>
    </message>
    <message>
        <source>Dear {name},</source>
        <translation>{name}同志：</translation>
    </message>
    <message>
        <source>Our records show that the %n book(s) below, borrowed from the workers&apos; library of {station}, are past their due date:</source>
        <translation>您好！据记录，您在{station}职工书屋借阅的以下 %n 本图书已超过应还日期：</translation>
    </message>
    <message>
        <source>There are no fines. Borrowing is suspended until the books are back; please return them to the station soon. If a book is lost or damaged, please tell us.</source>
        <translation>逾期不收罚款，但在图书归还之前暂停借阅。请尽快将图书送还服务站；如图书遗失或损坏，请与我们联系。</translation>
    </message>
    <message>
        <source>Contact: {contact}</source>
        <translation>联系方式：{contact}</translation>
    </message>
</context>
<context>
    <name>OverdueWidget</name>
    <message>
        <source> days</source>
        <translation> 天内</translation>
    </message>
    <message>
        <source>Print &amp;call list… (Ctrl+P)</source>
        <translation>打印催还电话清单(&amp;C)… (Ctrl+P)</translation>
    </message>
    <message>
        <source>One letter per borrower with overdue books, each on its own page</source>
        <translation>每位有逾期图书的借阅人一封，每封单独一页</translation>
    </message>
    <message>
        <source>Call list…</source>
        <translation>催还电话清单…</translation>
    </message>
    <message>
        <source>Reminder letters…</source>
        <translation>催还通知书…</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Overdue (%n)</source>
        <translation>
            <numerusform>逾期(&amp;O)（%n）</numerusform>
        </translation>
    </message>
    <message>
        <source>Print remi&amp;nder letters…</source>
        <translation>打印催还通知书(&amp;N)…</translation>
    </message>
    <message>
        <source>Due within (&amp;J)</source>
        <translation>到期范围(&amp;J)</translation>
    </message>
    <message>
        <source>Save PDF… (Ctrl+S)</source>
        <translation>保存 PDF… (Ctrl+S)</translation>
    </message>
    <message numerus="yes">
        <source>Due &amp;soon (%n)</source>
        <translation>
            <numerusform>即将到期(&amp;S)（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n borrower(s)</source>
        <translation>
            <numerusform>共 %n 位借阅人</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n book(s)</source>
        <translation>
            <numerusform>，%n 本图书</numerusform>
        </translation>
    </message>
    <message>
        <source>Call list</source>
        <translation>催还电话清单</translation>
    </message>
    <message>
        <source>No book is overdue: there is no letter to print.</source>
        <translation>没有逾期图书，无需打印催还通知书。</translation>
    </message>
    <message>
        <source>Reminder letters</source>
        <translation>催还通知书</translation>
    </message>
    <message>
        <source>reminder-letters-{date}.pdf</source>
        <translation>催还通知书-{date}.pdf</translation>
    </message>
    <message>
        <source>call-list-{date}.pdf</source>
        <translation>催还电话清单-{date}.pdf</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>保存 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Could not write {path}: {error}</source>
        <translation>无法写入 {path}：{error}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
</context>
<context>
    <name>PackDialog</name>
    <message>
        <source>Pack box {name}</source>
        <translation>书箱{name}装箱</translation>
    </message>
    <message>
        <source>Scan each book to put it in the box; Enter after each code.</source>
        <translation>逐本扫描装入书箱的图书，每个条码后按回车。</translation>
    </message>
    <message>
        <source>Scan a book&apos;s barcode</source>
        <translation>扫描图书条码</translation>
    </message>
    <message>
        <source>&amp;Take out the selected book</source>
        <translation>取出选中的图书(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>完成(&amp;D)</translation>
    </message>
    <message numerus="yes">
        <source>%n book(s) in the box</source>
        <translation>
            <numerusform>箱内 %n 册</numerusform>
        </translation>
    </message>
    <message>
        <source>Packed: {title}</source>
        <translation>已装箱：{title}</translation>
    </message>
    <message>
        <source>Already in this box.</source>
        <translation>已在本书箱中。</translation>
    </message>
    <message>
        <source>Select the book to take out.</source>
        <translation>请选择要取出的图书。</translation>
    </message>
    <message>
        <source>Back on the shelf: {code}</source>
        <translation>已放回书架：{code}</translation>
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
        <source>The join date is in the future.</source>
        <translation>入会时间晚于今天。</translation>
    </message>
    <message>
        <source>The join date is before the birth date.</source>
        <translation>入会时间早于出生日期。</translation>
    </message>
    <message>
        <source>A woman&apos;s retirement age before 2025 was 55 or 50.</source>
        <translation>女职工的原法定退休年龄为55岁或50岁。</translation>
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
        <source>Name</source>
        <translation>姓名</translation>
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
        <source>Birth year</source>
        <translation>出生年份</translation>
    </message>
    <message>
        <source>ID type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Workplace</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Union member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Member card (京卡) number</source>
        <translation>会员卡号/京卡号</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Registered on</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>最近活动</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Hardship category</source>
        <translation>困难类别</translation>
    </message>
    <message>
        <source>Hardship reasons</source>
        <translation>致困原因</translation>
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
        <source>People</source>
        <translation>职工档案</translation>
    </message>
    <message>
        <source>{name} has history ({history}), so the record cannot be deleted; deactivate it instead.</source>
        <translation>{name}已有相关记录（{history}），因此不能删除其档案，请改为停用。</translation>
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
        <source>{name} is still referred to ({history}), so it cannot be deleted; deactivate it instead.</source>
        <translation>{name}仍被其他记录引用（{history}），因此不能删除，请改为停用。</translation>
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
        <source>Union being founded</source>
        <translation>筹建中</translation>
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
    <name>PeopleImport</name>
    <message>
        <source>Row {row}, {column}: {reason}</source>
        <translation>第 {row} 行，{column}：{reason}</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Workplace</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Join date</source>
        <translation>入会时间</translation>
    </message>
    <message>
        <source>Member card</source>
        <translation>会员卡号</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>The file cannot be read: {reason}</source>
        <translation>无法读取文件：{reason}</translation>
    </message>
    <message>
        <source>Unknown field(s) in the column mapping: {names}.</source>
        <translation>列对应中有未知字段：{names}。</translation>
    </message>
    <message>
        <source>The file has no column for the names.</source>
        <translation>文件中没有“姓名”列。</translation>
    </message>
    <message>
        <source>No header row with a 姓名 (name) column was found in the first {count} rows.</source>
        <translation>前 {count} 行中没有找到含“姓名”列的表头行。</translation>
    </message>
    <message>
        <source>Write the gender as 男 or 女.</source>
        <translation>性别请填“男”或“女”。</translation>
    </message>
    <message>
        <source>The spreadsheet stored this number as a number and kept only its first 15 digits; format the column as text and type the number again.</source>
        <translation>表格把此号码存成了数值，只保留了前 15 位；请把该列设为文本格式后重新输入号码。</translation>
    </message>
    <message>
        <source>“{text}” is not a date; write it as 2019-05-01, 2019.05 or 2019年5月.</source>
        <translation>“{text}”不是日期；请写成 2019-05-01、2019.05 或 2019年5月。</translation>
    </message>
    <message>
        <source>The file has more than {count} rows; split it.</source>
        <translation>文件超过 {count} 行，请拆分后导入。</translation>
    </message>
    <message>
        <source>The file has no rows to import.</source>
        <translation>文件中没有可导入的行。</translation>
    </message>
    <message>
        <source>The same person as row {row}.</source>
        <translation>与第 {row} 行是同一人。</translation>
    </message>
    <message>
        <source>The card number is also on row {row}.</source>
        <translation>此卡号在第 {row} 行也出现了。</translation>
    </message>
    <message>
        <source>This ID number belongs to a deactivated record; reactivate it first.</source>
        <translation>此身份证号属于已停用的档案，请先恢复该档案。</translation>
    </message>
    <message>
        <source>Someone with this name and phone is on file with another ID number.</source>
        <translation>已有同名同手机号的人登记了另一个身份证号。</translation>
    </message>
    <message>
        <source>This card number is on file for someone else.</source>
        <translation>此卡号已登记在其他人名下。</translation>
    </message>
    <message>
        <source>{name}-refused</source>
        <translation>{name}-未导入</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>PeopleMerge</name>
    <message>
        <source>This person is no longer on file.</source>
        <translation>此人已不在档案中。</translation>
    </message>
    <message>
        <source>Choose another person: a record cannot be merged with itself.</source>
        <translation>请选择另一个人：档案不能与自身合并。</translation>
    </message>
    <message>
        <source>{name} has already been merged into another record.</source>
        <translation>{name} 已合并到另一份档案。</translation>
    </message>
    <message>
        <source>An anonymised record cannot be merged ({name}).</source>
        <translation>已匿名化的档案不能合并（{name}）。</translation>
    </message>
    <message>
        <source>One of these people is a party to a mediation case; only a mediator or an administrator may merge them.</source>
        <translation>其中一人是调解案件的当事人，只有调解员或管理员可以合并。</translation>
    </message>
    <message>
        <source>One of these people is a party to a mediation case: ask a mediator to merge them.</source>
        <translation>其中一人是调解案件的当事人，请由调解员合并。</translation>
    </message>
    <message>
        <source>Choose which record&apos;s value to keep.</source>
        <translation>请选择保留哪份档案的值。</translation>
    </message>
    <message>
        <source>Two records of the same person merged; the other registration stays.</source>
        <translation>同一人的两份档案已合并，保留另一条报名记录。</translation>
    </message>
</context>
<context>
    <name>PeopleTab</name>
    <message>
        <source>Search: name, pinyin, initials, phone, ID or card number, last 4 digits (Ctrl+F)</source>
        <translation>搜索：姓名、拼音、拼音首字母、电话、证件号码或卡号、后 4 位（Ctrl+F）</translation>
    </message>
    <message>
        <source>Show deactivated</source>
        <translation>显示已停用</translation>
    </message>
    <message>
        <source>List and find deactivated people too</source>
        <translation>同时列出和搜索已停用的人员</translation>
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
        <source>Wor&amp;kplaces…</source>
        <translation>工作单位(&amp;K)…</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <source>Save the people listed (the search and “Show deactivated” apply) as Excel or CSV</source>
        <translation>将列表中的人员（按当前搜索和“显示已停用”）保存为 Excel 或 CSV 文件</translation>
    </message>
    <message>
        <source>B&amp;ulk import…</source>
        <translation>批量导入(&amp;U)…</translation>
    </message>
    <message>
        <source>Add or complete people from a roster: Excel, WPS, LibreOffice or CSV</source>
        <translation>从花名册新增或补全人员：Excel、WPS、LibreOffice 或 CSV</translation>
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
    <message>
        <source>people-{date}.xlsx</source>
        <translation>职工档案-{date}.xlsx</translation>
    </message>
    <message>
        <source>Export people</source>
        <translation>导出职工档案</translation>
    </message>
    <message>
        <source>Exporting people…</source>
        <translation>正在导出职工档案…</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n people to {path}</source>
        <translation>
            <numerusform>已导出 %n 人到 {path}</numerusform>
        </translation>
    </message>
    <message>
        <source>{name} is deactivated: hidden from lists and searches, with the history kept. Tick “Show deactivated” to find them again.</source>
        <translation>{name}已停用：不再显示在列表和搜索结果中，历史记录予以保留。勾选“显示已停用”可再次找到此人。</translation>
    </message>
    <message>
        <source>{name} is active again.</source>
        <translation>{name}已重新启用。</translation>
    </message>
    <message>
        <source>The two records were merged.</source>
        <translation>两份档案已合并。</translation>
    </message>
    <message>
        <source>Deactivate {name} instead?</source>
        <translation>改为停用{name}？</translation>
    </message>
    <message>
        <source>{name} was deleted from the register.</source>
        <translation>{name}已从档案中删除。</translation>
    </message>
</context>
<context>
    <name>PerformanceDialog</name>
    <message>
        <source>Record performance</source>
        <translation>登记履行情况</translation>
    </message>
    <message>
        <source>Performed on</source>
        <translation>履行日期</translation>
    </message>
    <message>
        <source>Amount paid (yuan)</source>
        <translation>已付金额（元）</translation>
    </message>
    <message>
        <source>e.g. bank transfer slip of 2026-11-20</source>
        <translation>例如：2026-11-20 的银行转账凭证</translation>
    </message>
    <message>
        <source>Proof</source>
        <translation>履行凭证</translation>
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
        <source>Show the whole number to change it</source>
        <translation>显示完整号码后才能修改</translation>
    </message>
    <message>
        <source>Recorded in the audit trail</source>
        <translation>将记入操作日志</translation>
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
        <source>55 (cadres, office jobs)</source>
        <translation>55岁（干部、管理和技术岗位）</translation>
    </message>
    <message>
        <source>50 (workers)</source>
        <translation>50岁（工人岗位）</translation>
    </message>
    <message>
        <source>The statutory retirement age before the 2025 reform, from which her later retirement date is counted.</source>
        <translation>2025年改革前的法定退休年龄，据此计算延迟后的退休时间。</translation>
    </message>
    <message>
        <source>Retirement age before 2025</source>
        <translation>原法定退休年龄</translation>
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
        <source>Join date</source>
        <translation>入会时间</translation>
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
        <source>Your role sees the birth year only.</source>
        <translation>您的角色只能看到出生年份。</translation>
    </message>
    <message>
        <source>Write the date as YYYY-MM-DD, e.g. 1985-03-21.</source>
        <translation>请按 YYYY-MM-DD 格式填写日期，例如 1985-03-21。</translation>
    </message>
    <message>
        <source>Write the date as YYYY-MM-DD, e.g. 2019-05-01.</source>
        <translation>日期请写成 YYYY-MM-DD，例如 2019-05-01。</translation>
    </message>
    <message>
        <source>No workplace has this name. Choose one from the list or create it with New….</source>
        <translation>没有这个名称的工作单位。请从列表中选择，或点击“新建…”创建。</translation>
    </message>
</context>
<context>
    <name>PersonFilter</name>
    <message>
        <source>Show the visits of one person</source>
        <translation>只看某一人的来访</translation>
    </message>
    <message>
        <source>Show everyone&apos;s visits</source>
        <translation>显示所有人的来访</translation>
    </message>
    <message>
        <source>Any person…</source>
        <translation>任何人…</translation>
    </message>
</context>
<context>
    <name>PersonPage</name>
    <message>
        <source>Choose a person in the list to see their record.</source>
        <translation>请在列表中选择一位职工，以查看其档案。</translation>
    </message>
    <message>
        <source>&amp;Deactivate</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <source>Hide the person from lists and searches; their history stays on file</source>
        <translation>在列表和搜索结果中隐藏此人；其历史记录仍保留在档案中</translation>
    </message>
    <message>
        <source>Re&amp;activate</source>
        <translation>重新启用(&amp;A)</translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation>删除(&amp;L)…</translation>
    </message>
    <message>
        <source>Delete a record made by mistake; a person with history is deactivated</source>
        <translation>删除误建的档案；有历史记录的人员将改为停用</translation>
    </message>
    <message>
        <source>&amp;Consent and hardship file…</source>
        <translation>授权同意与困难职工档案(&amp;C)…</translation>
    </message>
    <message>
        <source>E&amp;dit</source>
        <translation>编辑(&amp;D)</translation>
    </message>
    <message>
        <source>Change the person&apos;s details (Enter in the list)</source>
        <translation>修改此人的信息（在列表中按回车键）</translation>
    </message>
    <message>
        <source>&amp;Consent and marital status…</source>
        <translation>授权同意与婚姻状况(&amp;C)…</translation>
    </message>
    <message>
        <source>Consents to sensitive data, and the data they allow the station to keep</source>
        <translation>敏感个人信息的授权同意，以及据此允许服务站保存的信息</translation>
    </message>
    <message>
        <source>&amp;Merge a duplicate into this…</source>
        <translation>将重复档案合并到此(&amp;M)…</translation>
    </message>
    <message>
        <source>Another record of the same person: move its history here and keep it merged</source>
        <translation>同一人的另一份档案：将其记录转到这里，并将其标记为已合并</translation>
    </message>
    <message>
        <source>Export everything held on this person (their request to see their data)</source>
        <translation>导出服务站保存的此人全部信息（应本人查阅个人信息的要求）</translation>
    </message>
    <message>
        <source>E&amp;rase on request…</source>
        <translation>应本人要求删除(&amp;R)…</translation>
    </message>
    <message>
        <source>Remove the personal data at the person&apos;s request; the counts stay</source>
        <translation>应本人要求删除其个人信息；各项次数予以保留</translation>
    </message>
    <message>
        <source>Deactivated: hidden from lists and searches; the history stays on file.</source>
        <translation>已停用：不显示在列表和搜索结果中；历史记录仍保留在档案中。</translation>
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
        <source>&amp;Personal data…</source>
        <translation>个人信息(&amp;P)…</translation>
    </message>
    <message>
        <source>M&amp;ore</source>
        <translation>更多(&amp;O)</translation>
    </message>
    <message>
        <source>Deactivate, delete or merge the record, export or erase the personal data</source>
        <translation>停用、删除或合并档案，导出或删除个人信息</translation>
    </message>
    <message numerus="yes">
        <source>V&amp;isits (%n)</source>
        <translation>
            <numerusform>来访(&amp;I) (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Case&amp;s (%n)</source>
        <translation>
            <numerusform>案件(&amp;S) (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Loans (%n)</source>
        <translation>
            <numerusform>借阅(&amp;L) (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Re&amp;gistrations (%n)</source>
        <translation>
            <numerusform>活动(&amp;G) (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Room bookings (%n)</source>
        <translation>
            <numerusform>场地预约（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Membership and 京卡 (%n)</source>
        <translation>
            <numerusform>会籍与京卡（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Mutual-aid cover (%n)</source>
        <translation>
            <numerusform>互助保障（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Welfare rounds (%n)</source>
        <translation>
            <numerusform>福利发放 (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Histor&amp;y (%n)</source>
        <translation>
            <numerusform>记录(&amp;Y) (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Show the whole ID number (recorded in the audit trail)</source>
        <translation>显示完整证件号码（将记入操作日志）</translation>
    </message>
    <message>
        <source>Merged into {name} (No. {id}): its history is on that record.</source>
        <translation>已合并到 {name}（编号 {id}）：其记录在该档案中。</translation>
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
        <source>No visits yet.</source>
        <translation>暂无来访记录。</translation>
    </message>
    <message>
        <source>No cases.</source>
        <translation>暂无调解案件。</translation>
    </message>
    <message>
        <source>ready to collect</source>
        <translation>可取书</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Reserved: {title} ({state})</source>
        <translation>预约：{title}（{state}）</translation>
    </message>
    <message>
        <source>On loan: {title}, due {due}</source>
        <translation>在借：{title}，应还日期 {due}</translation>
    </message>
    <message>
        <source>Returned {date}: {title}</source>
        <translation>{date} 已还：{title}</translation>
    </message>
    <message>
        <source>No loans.</source>
        <translation>暂无借阅。</translation>
    </message>
    <message>
        <source>No registrations.</source>
        <translation>暂无报名。</translation>
    </message>
    <message>
        <source>No room bookings.</source>
        <translation>没有场地预约。</translation>
    </message>
    <message>
        <source>No membership or card records.</source>
        <translation>暂无会籍或京卡记录。</translation>
    </message>
    <message>
        <source>No mutual-aid cover.</source>
        <translation>没有互助保障记录。</translation>
    </message>
    <message>
        <source>On no welfare round.</source>
        <translation>未列入任何福利发放名单。</translation>
    </message>
    <message>
        <source>Export personal data</source>
        <translation>导出个人信息</translation>
    </message>
    <message>
        <source>Everything held on this person was written to {path}.</source>
        <translation>此人的全部信息已导出到 {path}。</translation>
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
        <source>deactivated</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>reactivated</source>
        <translation>重新启用</translation>
    </message>
    <message>
        <source>merged</source>
        <translation>已合并</translation>
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
        <source>{pinyin} (deactivated)</source>
        <translation>{pinyin}（已停用）</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>PersonalData</name>
    <message>
        <source>personal-data-{name}.xlsx</source>
        <translation>个人信息-{name}.xlsx</translation>
    </message>
    <message>
        <source>Export personal data</source>
        <translation>导出个人信息</translation>
    </message>
    <message>
        <source>Excel files (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <source>Change the plan</source>
        <translation>修改保障项目</translation>
    </message>
    <message>
        <source>New plan</source>
        <translation>新建保障项目</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>项目名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类别(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Year:</source>
        <translation>年度(&amp;Y)：</translation>
    </message>
    <message>
        <source>Cover &amp;from:</source>
        <translation>保障起始(&amp;F)：</translation>
    </message>
    <message>
        <source>Cover &amp;to:</source>
        <translation>保障截止(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Premium per person (yuan):</source>
        <translation>每人保费（元）(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Waiting period (days):</source>
        <translation>等待期（天）(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Benefit:</source>
        <translation>给付方式(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Rate of the amount left (%):</source>
        <translation>自付部分给付比例（%）(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Deductible (yuan):</source>
        <translation>起付线（元）(&amp;D)：</translation>
    </message>
    <message>
        <source>Cap per &amp;claim (yuan):</source>
        <translation>单次最高给付（元）(&amp;C)：</translation>
    </message>
    <message>
        <source>Fi&amp;xed sum (yuan):</source>
        <translation>定额（元）(&amp;X)：</translation>
    </message>
    <message>
        <source>C&amp;ap per year (yuan):</source>
        <translation>年度最高给付（元）(&amp;A)：</translation>
    </message>
    <message>
        <source>Claim dead&amp;line (days after discharge or the event):</source>
        <translation>申请时限（出院或出险后天数）(&amp;L)：</translation>
    </message>
    <message>
        <source>— the plan&apos;s own list —</source>
        <translation>— 使用本项目自己的清单 —</translation>
    </message>
    <message>
        <source>Materials from the &amp;service:</source>
        <translation>材料清单取自服务(&amp;S)：</translation>
    </message>
    <message>
        <source>One material a line</source>
        <translation>每行一项材料</translation>
    </message>
    <message>
        <source>Its own &amp;materials:</source>
        <translation>本项目材料(&amp;M)：</translation>
    </message>
    <message>
        <source>Open to new &amp;enrolments</source>
        <translation>接受新参保(&amp;E)</translation>
    </message>
</context>
<context>
    <name>PlanSessionDialog</name>
    <message>
        <source>Change the planned session</source>
        <translation>更改已安排的调解会议</translation>
    </message>
    <message>
        <source>Book the next session</source>
        <translation>预约下次调解会议</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <source>S&amp;tart</source>
        <translation>开始时间(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Length</source>
        <translation>时长(&amp;L)</translation>
    </message>
    <message>
        <source>Elsewhere (say where)</source>
        <translation>其他地点（请填写）</translation>
    </message>
    <message>
        <source>&amp;Room</source>
        <translation>场地(&amp;R)</translation>
    </message>
    <message>
        <source>e.g. the workplace&apos;s meeting room</source>
        <translation>例如：用人单位会议室</translation>
    </message>
    <message>
        <source>&amp;Place</source>
        <translation>地点(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Free times</source>
        <translation>空闲时段(&amp;F)</translation>
    </message>
    <message>
        <source>Call &amp;off the session</source>
        <translation>取消本次调解会议(&amp;O)</translation>
    </message>
    <message>
        <source>{m} min</source>
        <translation>{m} 分钟</translation>
    </message>
    <message>
        <source>{h} h</source>
        <translation>{h} 小时</translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h} 小时 {m} 分钟</translation>
    </message>
</context>
<context>
    <name>PlanTableModel</name>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>保障项目</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Cover</source>
        <translation>保障期</translation>
    </message>
    <message>
        <source>Premium</source>
        <translation>保费</translation>
    </message>
    <message>
        <source>Waiting (days)</source>
        <translation>等待期（天）</translation>
    </message>
    <message>
        <source>Benefit</source>
        <translation>给付</translation>
    </message>
    <message>
        <source>Deadline (days)</source>
        <translation>申请时限（天）</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>可参保</translation>
    </message>
    <message>
        <source>{rate}% after a {deductible} deductible</source>
        <translation>扣除起付线 {deductible} 元后按 {rate}%</translation>
    </message>
    <message>
        <source>{amount} yuan</source>
        <translation>{amount} 元</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>PlannedPanel</name>
    <message>
        <source>No session planned.</source>
        <translation>尚未安排调解会议。</translation>
    </message>
    <message>
        <source>Planned: {day} {start}-{end}, {place}</source>
        <translation>已安排：{day} {start}-{end}，{place}</translation>
    </message>
    <message>
        <source>Change the boo&amp;ked session…</source>
        <translation>更改已约调解会议(&amp;K)…</translation>
    </message>
    <message>
        <source>Boo&amp;k the next session…</source>
        <translation>预约下次调解会议(&amp;K)…</translation>
    </message>
</context>
<context>
    <name>PriorityDialog</name>
    <message>
        <source>Change priority</source>
        <translation>调整优先级</translation>
    </message>
    <message>
        <source>A higher priority comes first on the waitlist; equal priorities keep the order of joining. {name} has {priority} now.</source>
        <translation>优先级高者在候补名单中靠前；优先级相同的按加入候补的先后排列。{name}当前的优先级为{priority}。</translation>
    </message>
    <message>
        <source>&amp;Priority</source>
        <translation>优先级(&amp;P)</translation>
    </message>
    <message>
        <source>Why the order changes (recorded)</source>
        <translation>调整顺序的理由（将记录在案）</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>理由(&amp;R)</translation>
    </message>
</context>
<context>
    <name>ProfileSection</name>
    <message>
        <source>Building</source>
        <translation>所在楼宇</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>职工人数</translation>
    </message>
    <message>
        <source>Union chair</source>
        <translation>工会主席</translation>
    </message>
    <message>
        <source>Union phone</source>
        <translation>工会联系电话</translation>
    </message>
    <message>
        <source>Members reported</source>
        <translation>工会报告会员数</translation>
    </message>
    <message>
        <source>Has one, since</source>
        <translation>已建立，自</translation>
    </message>
    <message>
        <source>Mediation committee</source>
        <translation>劳动争议调解委员会</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Chan&amp;ge union status…</source>
        <translation>更改建会状态(&amp;G)…</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Union: {status}</source>
        <translation>建会状态：{status}</translation>
    </message>
    <message>
        <source>Preparing since {day}</source>
        <translation>筹建开始：{day}</translation>
    </message>
    <message>
        <source>Founded on {day}</source>
        <translation>建会日期：{day}</translation>
    </message>
    <message>
        <source>Members on the register: {n}</source>
        <translation>登记名册中的会员：{n}人</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>PurposeCard</name>
    <message>
        <source>Remove this purpose</source>
        <translation>移除此事项</translation>
    </message>
    <message>
        <source>Time limit: {text}</source>
        <translation>时限：{text}</translation>
    </message>
    <message>
        <source>Fee: {text}</source>
        <translation>收费：{text}</translation>
    </message>
    <message>
        <source>Materials: tick what the visitor brought</source>
        <translation>所需材料：请勾选来访人已带来的材料</translation>
    </message>
    <message>
        <source>{name} ({kind}, {copies})</source>
        <translation>{name}（{kind}，{copies}）</translation>
    </message>
    <message numerus="yes">
        <source>%n copies</source>
        <translation>
            <numerusform>%n 份</numerusform>
        </translation>
    </message>
    <message>
        <source>No materials needed.</source>
        <translation>无需提供材料。</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <source>e.g. District union legal service centre</source>
        <translation>例如：区总工会法律服务中心</translation>
    </message>
    <message>
        <source>Referred to</source>
        <translation>转介至</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Bring missing by</source>
        <translation>补交期限</translation>
    </message>
</context>
<context>
    <name>QuickPersonDialog</name>
    <message>
        <source>New visitor</source>
        <translation>新来访人</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>电话(&amp;P)</translation>
    </message>
    <message>
        <source>Use the existing record</source>
        <translation>使用已有档案</translation>
    </message>
</context>
<context>
    <name>QuotaTable</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>名额</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Youngest</source>
        <translation>最小年龄</translation>
    </message>
    <message>
        <source>Oldest</source>
        <translation>最大年龄</translation>
    </message>
    <message>
        <source>Workplace</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>预留</translation>
    </message>
    <message>
        <source>Release date</source>
        <translation>开放日期</translation>
    </message>
    <message>
        <source>&amp;Add quota</source>
        <translation>添加名额分配(&amp;A)</translation>
    </message>
    <message>
        <source>Remove quota</source>
        <translation>删除名额分配</translation>
    </message>
    <message>
        <source>A quota caps the places of the people it matches; reserved places wait for one workplace until the release date.</source>
        <translation>名额分配限定符合条件者可占的名额；预留名额在开放日期前只留给指定单位。</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Any workplace</source>
        <translation>不限单位</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
</context>
<context>
    <name>RecipientTableModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Workplace</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Chosen by</source>
        <translation>列入依据</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>发放时间</translation>
    </message>
    <message>
        <source>Collected by</source>
        <translation>代领人</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>待发放</translation>
    </message>
    <message>
        <source>By {staff}</source>
        <translation>经办人：{staff}</translation>
    </message>
</context>
<context>
    <name>RegionalContractsSection</name>
    <message>
        <source>The building&apos;s federation has signed no regional contract. Record one with “New regional contract…”.</source>
        <translation>楼宇联合会尚未签订区域性集体合同。请点“新建区域性合同…”登记。</translation>
    </message>
    <message>
        <source>New regional &amp;contract…</source>
        <translation>新建区域性合同(&amp;C)…</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <source>“{text}” is not a month (such as 2026-10) or a year (such as 2026).</source>
        <translation>“{text}”不是月份（如 2026-10）或年份（如 2026）。</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>统计期的结束早于开始。</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>汇总</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>来访</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>调解案件</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>职工书屋</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>场地</translation>
    </message>
    <message>
        <source>Member services</source>
        <translation>会员服务</translation>
    </message>
    <message>
        <source>Membership and 京卡</source>
        <translation>会籍与京卡</translation>
    </message>
    <message>
        <source>Mutual-aid cover</source>
        <translation>职工互助保障</translation>
    </message>
    <message>
        <source>Welfare rounds</source>
        <translation>福利发放</translation>
    </message>
    <message>
        <source>Workplace union work</source>
        <translation>单位建会工作</translation>
    </message>
    <message>
        <source>Unions in workplaces</source>
        <translation>单位建会情况</translation>
    </message>
    <message>
        <source>Collective contracts and workers&apos; congresses</source>
        <translation>集体合同与职代会</translation>
    </message>
    <message>
        <source>{year}-{month}</source>
        <translation>{year}年{month}月</translation>
    </message>
    <message>
        <source>Year {year}</source>
        <translation>{year}年</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>{start}至{end}</translation>
    </message>
    <message>
        <source>{station}: report for {period}</source>
        <translation>{station} {period}工作报表</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>主要数据</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>People (distinct)</source>
        <translation>来访人数（去重）</translation>
    </message>
    <message>
        <source>Visitors who gave no details</source>
        <translation>未登记身份的来访</translation>
    </message>
    <message>
        <source>Rated visits</source>
        <translation>已评价来访</translation>
    </message>
    <message>
        <source>Satisfied or basically satisfied</source>
        <translation>满意或基本满意</translation>
    </message>
    <message>
        <source>Satisfaction rate</source>
        <translation>满意率</translation>
    </message>
    <message>
        <source>New members</source>
        <translation>新发展会员</translation>
    </message>
    <message>
        <source>Member cards (京卡) issued</source>
        <translation>办理京卡</translation>
    </message>
    <message>
        <source>Outreach sessions</source>
        <translation>上门服务场次</translation>
    </message>
    <message>
        <source>People reached by outreach</source>
        <translation>上门服务人次</translation>
    </message>
    <message>
        <source>Hardship assistance given</source>
        <translation>困难帮扶次数</translation>
    </message>
    <message>
        <source>People assisted</source>
        <translation>帮扶人数</translation>
    </message>
    <message>
        <source>Assistance amount (yuan)</source>
        <translation>帮扶金额（元）</translation>
    </message>
    <message>
        <source>Visits by purpose</source>
        <translation>来访事项</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务事项</translation>
    </message>
    <message>
        <source>Times asked for</source>
        <translation>办理次数</translation>
    </message>
    <message>
        <source>Visits by channel</source>
        <translation>来访方式</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Purposes by outcome</source>
        <translation>事项办理结果</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Purposes</source>
        <translation>事项数</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>Hardship assistance by kind</source>
        <translation>困难帮扶类别</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Cases received</source>
        <translation>受理案件</translation>
    </message>
    <message>
        <source>Cases concluded</source>
        <translation>调解终结案件</translation>
    </message>
    <message>
        <source>Mediated successfully</source>
        <translation>调解成功</translation>
    </message>
    <message>
        <source>Success rate</source>
        <translation>调解成功率</translation>
    </message>
    <message>
        <source>Cases closed</source>
        <translation>结案</translation>
    </message>
    <message>
        <source>Average days to close</source>
        <translation>平均结案天数</translation>
    </message>
    <message>
        <source>Amount agreed (yuan)</source>
        <translation>协议金额（元）</translation>
    </message>
    <message>
        <source>Amount paid (yuan)</source>
        <translation>已履行金额（元）</translation>
    </message>
    <message>
        <source>Cases received by category</source>
        <translation>受理案件争议类别</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Number of cases</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Case outcomes</source>
        <translation>案件结果</translation>
    </message>
    <message>
        <source>Loans</source>
        <translation>借阅</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>归还</translation>
    </message>
    <message>
        <source>Active readers</source>
        <translation>活跃读者</translation>
    </message>
    <message>
        <source>Boxes lent to workplaces</source>
        <translation>流动书屋借出箱数</translation>
    </message>
    <message>
        <source>Box loans per site</source>
        <translation>各单位流动书屋</translation>
    </message>
    <message>
        <source>Workplace</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Boxes lent</source>
        <translation>借出箱数</translation>
    </message>
    <message>
        <source>Events held</source>
        <translation>举办活动</translation>
    </message>
    <message>
        <source>Events cancelled</source>
        <translation>取消活动</translation>
    </message>
    <message>
        <source>Places offered</source>
        <translation>提供名额</translation>
    </message>
    <message>
        <source>Registrations</source>
        <translation>报名</translation>
    </message>
    <message>
        <source>Attended (person-times)</source>
        <translation>参加人次</translation>
    </message>
    <message>
        <source>No-shows</source>
        <translation>报名未到</translation>
    </message>
    <message>
        <source>Attendance rate</source>
        <translation>到场率</translation>
    </message>
    <message>
        <source>People who attended (distinct)</source>
        <translation>参加人数（去重）</translation>
    </message>
    <message>
        <source>Events by kind</source>
        <translation>活动类型</translation>
    </message>
    <message>
        <source>Number of events</source>
        <translation>场次</translation>
    </message>
    <message>
        <source>Coverage: a big event every month, a small one every week</source>
        <translation>覆盖情况：月有大活动，周有小活动</translation>
    </message>
    <message>
        <source>Gap</source>
        <translation>缺口</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Month without a big event</source>
        <translation>当月没有大活动</translation>
    </message>
    <message>
        <source>Week without a small event</source>
        <translation>当周没有小活动</translation>
    </message>
    <message>
        <source>Attended</source>
        <translation>参加</translation>
    </message>
    <message>
        <source>Concluded otherwise</source>
        <translation>其他方式终结</translation>
    </message>
    <message>
        <source>Month by month</source>
        <translation>逐月数据</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Room hours booked</source>
        <translation>场地预约时长（小时）</translation>
    </message>
    <message>
        <source>Decompression sessions held</source>
        <translation>心理减压室使用次数</translation>
    </message>
    <message>
        <source>Use of each room</source>
        <translation>各场地使用情况</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>场地</translation>
    </message>
    <message>
        <source>Bookings</source>
        <translation>预约次数</translation>
    </message>
    <message>
        <source>Hours booked</source>
        <translation>预约时长（小时）</translation>
    </message>
    <message>
        <source>Hours open</source>
        <translation>开放时长（小时）</translation>
    </message>
    <message>
        <source>Occupancy</source>
        <translation>使用率</translation>
    </message>
    <message>
        <source>Sessions held</source>
        <translation>实际使用次数</translation>
    </message>
    <message>
        <source>Claims</source>
        <translation>理赔</translation>
    </message>
    <message>
        <source>Workers enrolled</source>
        <translation>参保职工（人）</translation>
    </message>
    <message>
        <source>Enrolments by plan</source>
        <translation>各项目参保情况</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>保障项目</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Premiums (yuan)</source>
        <translation>保费（元）</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>笔数</translation>
    </message>
    <message>
        <source>Submitted (amount claimed)</source>
        <translation>已提交（申请金额）</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已核准</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已支付</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>发放对象</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已发放</translation>
    </message>
    <message>
        <source>Planned (yuan)</source>
        <translation>计划金额（元）</translation>
    </message>
    <message>
        <source>Delivered (yuan)</source>
        <translation>已发放金额（元）</translation>
    </message>
    <message>
        <source>Welfare rounds by kind</source>
        <translation>各类福利发放</translation>
    </message>
    <message>
        <source>Rounds</source>
        <translation>活动次数</translation>
    </message>
    <message>
        <source>Budget (yuan)</source>
        <translation>预算（元）</translation>
    </message>
    <message>
        <source>Workplaces with their own union</source>
        <translation>建有独立工会的单位</translation>
    </message>
    <message>
        <source>Workplaces in a joint union</source>
        <translation>加入联合工会的单位</translation>
    </message>
    <message>
        <source>Unions founded in the period</source>
        <translation>本期新建工会</translation>
    </message>
    <message>
        <source>Unions being founded</source>
        <translation>正在筹建工会的单位</translation>
    </message>
    <message>
        <source>Members on the register (workplaces with a union)</source>
        <translation>登记会员数（已建会单位）</translation>
    </message>
    <message>
        <source>Members reported by the unions</source>
        <translation>工会报告会员数</translation>
    </message>
    <message>
        <source>Workplaces with a mediation committee</source>
        <translation>建有劳动争议调解委员会的单位</translation>
    </message>
    <message>
        <source>25 or more employees without a union (today)</source>
        <translation>25人以上未建会单位（截至今日）</translation>
    </message>
    <message>
        <source>Workplaces covered by a collective contract</source>
        <translation>集体合同覆盖的单位数</translation>
    </message>
    <message>
        <source>Employees covered by a collective contract</source>
        <translation>集体合同覆盖的职工人数</translation>
    </message>
    <message>
        <source>Collective contracts signed</source>
        <translation>新签集体合同</translation>
    </message>
    <message>
        <source>Collective contracts renewed</source>
        <translation>续签集体合同</translation>
    </message>
    <message>
        <source>Of these, regional (building federations)</source>
        <translation>其中区域性（楼宇联合会）</translation>
    </message>
    <message>
        <source>Workers&apos; congresses held</source>
        <translation>召开职代会次数</translation>
    </message>
    <message>
        <source>Staff handbooks revised</source>
        <translation>修订员工手册</translation>
    </message>
    <message>
        <source>Open-affairs checks</source>
        <translation>厂务公开检查</translation>
    </message>
    <message>
        <source>Of these, rated good</source>
        <translation>其中评为良好</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>服务站</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>统计期</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>To</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Made at</source>
        <translation>制表时间</translation>
    </message>
    <message>
        <source>Welfare round recipients</source>
        <translation>福利发放对象人次</translation>
    </message>
    <message>
        <source>Welfare deliveries</source>
        <translation>福利已发放人次</translation>
    </message>
    <message>
        <source>The twelve months up to the end of the period</source>
        <translation>截至统计期末的十二个月</translation>
    </message>
    <message>
        <source>Visits per month</source>
        <translation>每月来访</translation>
    </message>
    <message>
        <source>Case outcomes per month</source>
        <translation>每月案件结果</translation>
    </message>
    <message>
        <source>Loans per month</source>
        <translation>每月借阅</translation>
    </message>
    <message>
        <source>Attendance per month</source>
        <translation>每月活动参加情况</translation>
    </message>
    <message>
        <source>None in this period</source>
        <translation>本期无</translation>
    </message>
    <message>
        <source>Made on {when}</source>
        <translation>制表时间：{when}</translation>
    </message>
    <message>
        <source>New members (joined or transferred in)</source>
        <translation>新增会员（入会及转入）</translation>
    </message>
    <message>
        <source>Joined the union</source>
        <translation>入会</translation>
    </message>
    <message>
        <source>Transferred in</source>
        <translation>会籍转入</translation>
    </message>
    <message>
        <source>Transferred out</source>
        <translation>会籍转出</translation>
    </message>
    <message>
        <source>Left the union</source>
        <translation>退会</translation>
    </message>
    <message>
        <source>京卡 applications</source>
        <translation>京卡申请</translation>
    </message>
    <message>
        <source>京卡 cards issued</source>
        <translation>发放京卡</translation>
    </message>
    <message>
        <source>of which replacements</source>
        <translation>其中补办</translation>
    </message>
    <message>
        <source>京卡 cards reported lost</source>
        <translation>京卡挂失</translation>
    </message>
    <message>
        <source>京卡 cards cancelled</source>
        <translation>京卡注销</translation>
    </message>
    <message>
        <source>Applications waiting for their card now</source>
        <translation>目前待发卡申请</translation>
    </message>
</context>
<context>
    <name>ReportsDialog</name>
    <message>
        <source>Report to the district union</source>
        <translation>向区总工会报送的报表</translation>
    </message>
    <message>
        <source>&amp;Month</source>
        <translation>月报(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Year</source>
        <translation>年报(&amp;Y)</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>显示(&amp;S)</translation>
    </message>
    <message>
        <source>Save as &amp;Excel…</source>
        <translation>保存为 &amp;Excel…</translation>
    </message>
    <message>
        <source>Save as &amp;PDF…</source>
        <translation>保存为 &amp;PDF…</translation>
    </message>
    <message>
        <source>station-report-{period}{suffix}</source>
        <translation>服务站报表-{period}{suffix}</translation>
    </message>
    <message>
        <source>Save the report as Excel</source>
        <translation>将报表保存为 Excel</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Save the report as PDF</source>
        <translation>将报表保存为 PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The file could not be written: {reason}</source>
        <translation>无法写入文件：{reason}</translation>
    </message>
    <message>
        <source>Report saved to {path}</source>
        <translation>报表已保存到 {path}</translation>
    </message>
</context>
<context>
    <name>ReserveTitleDialog</name>
    <message>
        <source>Reserve a title</source>
        <translation>预约图书</translation>
    </message>
    <message>
        <source>Reserve for {name}</source>
        <translation>为{name}预约</translation>
    </message>
    <message>
        <source>Title, author, pinyin initials or ISBN</source>
        <translation>书名、作者、拼音首字母或 ISBN</translation>
    </message>
    <message>
        <source>&amp;Reserve</source>
        <translation>预约(&amp;R)</translation>
    </message>
    <message>
        <source>No title found for “{text}”.</source>
        <translation>没有找到“{text}”相关的图书。</translation>
    </message>
</context>
<context>
    <name>Retention</name>
    <message>
        <source>Enter a number of years from {low} to {high}.</source>
        <translation>请输入 {low} 至 {high} 之间的年数。</translation>
    </message>
    <message>
        <source>mediation case {number} is still open</source>
        <translation>调解案件 {number} 尚未结案</translation>
    </message>
    <message>
        <source>the file of mediation case {number} is kept until {date}</source>
        <translation>调解案件 {number} 的卷宗保存至 {date}</translation>
    </message>
    <message>
        <source>%n book(s) still on loan</source>
        <translation>尚有 %n 册图书未归还</translation>
    </message>
    <message>
        <source>%n registration(s) for coming events</source>
        <translation>已报名 %n 个尚未举行的活动</translation>
    </message>
    <message>
        <source>%n mutual-aid claim(s) not yet settled</source>
        <translation>%n 笔互助保障理赔尚未办结</translation>
    </message>
    <message>
        <source>Write down how the request was made (date, in writing...).</source>
        <translation>请写明提出要求的方式（日期、是否书面提出等）。</translation>
    </message>
    <message>
        <source>At most 500 characters.</source>
        <translation>最多 500 个字符。</translation>
    </message>
    <message>
        <source>This person is not on file (any more).</source>
        <translation>档案中没有此人（或已被删除）。</translation>
    </message>
    <message>
        <source>The data cannot be erased yet: {duties}. It can be erased when these end.</source>
        <translation>暂时不能删除这些信息：{duties}。待上述事项结束后方可删除。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
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
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
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
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Member card</source>
        <translation>会员卡</translation>
    </message>
    <message>
        <source>Join date</source>
        <translation>入会时间</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>建档时间</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>最近活动</translation>
    </message>
    <message>
        <source>Hardship file</source>
        <translation>困难职工档案</translation>
    </message>
    <message>
        <source>Hardship reasons</source>
        <translation>致困原因</translation>
    </message>
    <message>
        <source>Marital status</source>
        <translation>婚姻状况</translation>
    </message>
    <message>
        <source>Personal details</source>
        <translation>个人信息</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Consents</source>
        <translation>授权同意</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>同意事项</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>同意时间</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>撤回时间</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>来访记录</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>来访时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>来访方式</translation>
    </message>
    <message>
        <source>Purposes</source>
        <translation>来访事项</translation>
    </message>
    <message>
        <source>Loans</source>
        <translation>借阅记录</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>书名</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>Lent</source>
        <translation>借出日期</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应还日期</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>归还日期</translation>
    </message>
    <message>
        <source>Event registrations</source>
        <translation>活动报名</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Membership</source>
        <translation>会籍</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>变动</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Union</source>
        <translation>工会</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>京卡 cards</source>
        <translation>京卡</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Applied on</source>
        <translation>申请日期</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>发卡日期</translation>
    </message>
    <message>
        <source>Reported lost on</source>
        <translation>挂失日期</translation>
    </message>
    <message>
        <source>Ended on</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Materials brought</source>
        <translation>已交材料</translation>
    </message>
    <message>
        <source>Room bookings</source>
        <translation>场地预约</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>场地</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Welfare rounds</source>
        <translation>福利发放</translation>
    </message>
    <message>
        <source>Mediation cases</source>
        <translation>调解案件</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>案号</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>申请日期</translation>
    </message>
</context>
<context>
    <name>RetentionDialog</name>
    <message>
        <source>Retention of personal data</source>
        <translation>个人信息保存期限</translation>
    </message>
    <message>
        <source>People with no visit, loan, registration or case for longer than the period below are anonymised: their name, phone, ID number, card, birth day and notes are removed, while every count and statistic stays. The job runs once a day when the program starts. A person is kept while a mediation case of theirs is open or within its retention period, a book is on loan, or an event they registered for is still to come.</source>
        <translation>超过下列期限没有任何来访、借阅、报名或调解案件的人员将被匿名化：删除其姓名、电话、证件号码、会员卡、出生日期和备注，各项次数和统计数据予以保留。程序每天启动时执行一次。如此人有尚未结案或仍在保存期限内的调解案件、有在借图书，或已报名的活动尚未举行，则暂不匿名化。</translation>
    </message>
    <message>
        <source> years without activity</source>
        <translation> 年无任何往来</translation>
    </message>
    <message>
        <source>Anonymise people after</source>
        <translation>人员匿名化期限</translation>
    </message>
    <message>
        <source> years after closing</source>
        <translation> 年（自结案起算）</translation>
    </message>
    <message>
        <source>Keep mediation case files</source>
        <translation>调解案件卷宗保存期限</translation>
    </message>
    <message>
        <source>&amp;Save settings</source>
        <translation>保存设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Anonymise now…</source>
        <translation>立即匿名化(&amp;A)…</translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) would be anonymised now.</source>
        <translation>
            <numerusform>目前有 %n 人符合匿名化条件。</numerusform>
        </translation>
    </message>
    <message>
        <source>No one is due to be anonymised now.</source>
        <translation>目前没有需要匿名化的人员。</translation>
    </message>
    <message>
        <source>Retention settings saved.</source>
        <translation>保存期限设置已保存。</translation>
    </message>
    <message>
        <source>Anonymise now?</source>
        <translation>立即匿名化？</translation>
    </message>
    <message numerus="yes">
        <source>Remove the personal data of %n person(s)? This cannot be undone; the counts and statistics stay.</source>
        <translation>
            <numerusform>删除 %n 人的个人信息？此操作无法撤销；各项次数和统计数据予以保留。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) anonymised.</source>
        <translation>
            <numerusform>已匿名化 %n 人。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Retirement</name>
    <message>
        <source>{years} years</source>
        <translation>{years}岁</translation>
    </message>
    <message>
        <source>{years} years {months} months</source>
        <translation>{years}岁{months}个月</translation>
    </message>
    <message>
        <source>men, the age before the 2025 reform</source>
        <translation>男职工，2025年改革前的退休年龄</translation>
    </message>
    <message>
        <source>women in office jobs (55), the age before the 2025 reform</source>
        <translation>原法定退休年龄55周岁的女职工，2025年改革前的退休年龄</translation>
    </message>
    <message>
        <source>women workers (50), the age before the 2025 reform</source>
        <translation>原法定退休年龄50周岁的女职工，2025年改革前的退休年龄</translation>
    </message>
    <message>
        <source>men, raised from 60 by the 2025 reform</source>
        <translation>男职工，按2025年渐进式延迟退休由60岁延迟</translation>
    </message>
    <message>
        <source>women in office jobs, raised from 55 by the 2025 reform</source>
        <translation>原法定退休年龄55周岁的女职工，按2025年渐进式延迟退休由55岁延迟</translation>
    </message>
    <message>
        <source>women workers, raised from 50 by the 2025 reform</source>
        <translation>原法定退休年龄50周岁的女职工，按2025年渐进式延迟退休由50岁延迟</translation>
    </message>
    <message>
        <source>{age} ({rule})</source>
        <translation>{age}（{rule}）</translation>
    </message>
</context>
<context>
    <name>ReturnBoxDialog</name>
    <message>
        <source>Return box {name}</source>
        <translation>归还书箱{name}</translation>
    </message>
    <message numerus="yes">
        <source>Box {name}, lent to {workplace}: %n book(s) handed over.</source>
        <translation>
            <numerusform>书箱{name}，借给{workplace}：交付 %n 册。</numerusform>
        </translation>
    </message>
    <message>
        <source>Scan each book that came back, Enter after each</source>
        <translation>逐本扫描归还的图书，每个条码后按回车</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>书名</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>损坏</translation>
    </message>
    <message>
        <source>&amp;Remove the selected scan</source>
        <translation>删除选中的扫描记录(&amp;R)</translation>
    </message>
    <message>
        <source>Mark &amp;damaged</source>
        <translation>标记损坏(&amp;D)</translation>
    </message>
    <message>
        <source>Tick or untick damaged on the selected scan</source>
        <translation>为选中的扫描记录勾选或取消“损坏”</translation>
    </message>
    <message>
        <source>&amp;Finish and reconcile</source>
        <translation>完成并清点(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Print reconciliation…</source>
        <translation>打印清点结果(&amp;P)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>{code} is already scanned.</source>
        <translation>{code}已扫描过。</translation>
    </message>
    <message>
        <source>In this box</source>
        <translation>属于本书箱</translation>
    </message>
    <message>
        <source>That is the box&apos;s own label; scan the books.</source>
        <translation>这是书箱本身的标签，请扫描图书。</translation>
    </message>
    <message>
        <source>Unknown code</source>
        <translation>未知条码</translation>
    </message>
    <message>
        <source>Not in this box</source>
        <translation>不属于本书箱</translation>
    </message>
    <message numerus="yes">
        <source>Scanned {back} of {total} books of this box; %n other code(s).</source>
        <translation>
            <numerusform>本书箱 {total} 册中已扫描 {back} 册；其他条码 %n 个。</numerusform>
        </translation>
    </message>
    <message>
        <source>Finish the return</source>
        <translation>完成归还</translation>
    </message>
    <message numerus="yes">
        <source>%n book(s) of this box were not scanned and will be recorded as lost. Finish anyway?</source>
        <translation>
            <numerusform>本书箱有 %n 册图书未扫描，将登记为丢失。仍要完成吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>Box returned: {returned} back in the box, {missing} missing, {damaged} damaged, {extra} extra.</source>
        <translation>书箱已归还：归箱 {returned} 册，缺失 {missing} 册，损坏 {damaged} 册，多出 {extra} 件。</translation>
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
        <source>Counsellor</source>
        <translation>心理咨询师</translation>
    </message>
    <message>
        <source>Union organiser</source>
        <translation>工会组建专干</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>RoomSetupDialog</name>
    <message>
        <source>Rooms, closed days and counsellors on duty</source>
        <translation>场地、闭站日与心理咨询师值班</translation>
    </message>
    <message>
        <source>&amp;Rooms</source>
        <translation>场地(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Closed days</source>
        <translation>闭站日(&amp;C)</translation>
    </message>
    <message>
        <source>Counsellors on &amp;duty</source>
        <translation>咨询师值班(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>Ca&amp;pacity:</source>
        <translation>容纳人数(&amp;P)：</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <source>S&amp;lot length:</source>
        <translation>时段长度(&amp;L)：</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>不开放</translation>
    </message>
    <message>
        <source>&amp;Hours:</source>
        <translation>开放时间(&amp;H)：</translation>
    </message>
    <message>
        <source>In &amp;use</source>
        <translation>在用(&amp;U)</translation>
    </message>
    <message>
        <source>Ne&amp;w room</source>
        <translation>新建场地(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Save room</source>
        <translation>保存场地(&amp;S)</translation>
    </message>
    <message>
        <source>Saved: {name}.</source>
        <translation>已保存：{name}。</translation>
    </message>
    <message>
        <source>Public holidays and adjusted working days come from the Chinese calendar; add here only the days the station itself is closed.</source>
        <translation>法定节假日和调休上班日取自中国日历；这里只需添加服务站自身闭站的日子。</translation>
    </message>
    <message>
        <source>Why (shown in the week view)</source>
        <translation>原因（显示在周视图中）</translation>
    </message>
    <message>
        <source>Close the station on this d&amp;ay</source>
        <translation>这一天闭站(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Open again</source>
        <translation>恢复开放(&amp;O)</translation>
    </message>
    <message>
        <source>Add to the ros&amp;ter</source>
        <translation>加入排班(&amp;T)</translation>
    </message>
    <message>
        <source>No staff account has the counsellor role yet (Staff accounts).</source>
        <translation>还没有具有心理咨询师角色的员工账号（见“员工账号”）。</translation>
    </message>
    <message>
        <source>Take o&amp;ff the roster</source>
        <translation>移出排班(&amp;F)</translation>
    </message>
</context>
<context>
    <name>Rooms</name>
    <message>
        <source>Booked</source>
        <translation>已预约</translation>
    </message>
    <message>
        <source>This booking is no longer on file.</source>
        <translation>该预约已不在系统中。</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>不开放</translation>
    </message>
    <message>
        <source>Book from 1 to 8 slots in a row.</source>
        <translation>一次可连续预约 1 到 8 个时段。</translation>
    </message>
    <message>
        <source>The room is closed on {day} ({why}).</source>
        <translation>该场地 {day} 不开放（{why}）。</translation>
    </message>
    <message>
        <source>Choose a slot of the room&apos;s week view.</source>
        <translation>请在场地的周视图中选择一个时段。</translation>
    </message>
    <message>
        <source>The room closes at {time}: book fewer slots.</source>
        <translation>该场地 {time} 关闭：请减少预约时段数。</translation>
    </message>
    <message>
        <source>Mediation session {number}</source>
        <translation>调解会议 {number}</translation>
    </message>
    <message>
        <source>This time has passed.</source>
        <translation>该时间已过。</translation>
    </message>
    <message>
        <source>Bookings are taken up to a year ahead.</source>
        <translation>最多可提前一年预约。</translation>
    </message>
    <message>
        <source>{room} is already booked at that time.</source>
        <translation>{room}在该时间已被预约。</translation>
    </message>
    <message>
        <source>{name} has booked {room} at that time already.</source>
        <translation>{name}在该时间已预约了{room}。</translation>
    </message>
    <message>
        <source>No counsellor is on duty and free at that time: choose another slot, or book without a counsellor.</source>
        <translation>该时间没有空闲的值班心理咨询师：请另选时段，或不预约咨询师。</translation>
    </message>
    <message>
        <source>This person is no longer on file.</source>
        <translation>此人已不在系统中。</translation>
    </message>
    <message>
        <source>Choose how the booking was made.</source>
        <translation>请选择预约方式。</translation>
    </message>
    <message>
        <source>This room is not in use any more.</source>
        <translation>该场地已停用。</translation>
    </message>
    <message>
        <source>A note on a decompression session needs the worker&apos;s consent to health data. Record the consent on their page first, or leave the note empty.</source>
        <translation>减压室预约的备注属于健康信息，需要职工同意处理健康信息。请先在其个人页面登记同意，或将备注留空。</translation>
    </message>
    <message>
        <source>Counsellors are booked with the decompression room only.</source>
        <translation>只有减压室可以预约心理咨询师。</translation>
    </message>
    <message>
        <source>This slot was booked at another desk a moment ago.</source>
        <translation>该时段刚刚已被其他工位预约。</translation>
    </message>
    <message>
        <source>The booking is {state}: this cannot be done any more.</source>
        <translation>该预约{state}：不能再进行此操作。</translation>
    </message>
    <message>
        <source>The event holds this booking: change or cancel it in Events.</source>
        <translation>该预约属于一项活动：请在“活动”中更改或取消。</translation>
    </message>
    <message>
        <source>A planned mediation session holds this booking: move or cancel it on the case.</source>
        <translation>该预约属于已安排的调解会议：请在案件页面改期或取消。</translation>
    </message>
    <message>
        <source>Check in on the day of the booking ({day}).</source>
        <translation>请在预约当天（{day}）签到。</translation>
    </message>
    <message>
        <source>A booking becomes a no-show only once its time has begun.</source>
        <translation>预约时间开始后才能记为未到场。</translation>
    </message>
    <message>
        <source>Psychological decompression room</source>
        <translation>职工心理减压室</translation>
    </message>
    <message>
        <source>Mediation room</source>
        <translation>劳动争议调解室</translation>
    </message>
    <message>
        <source>Activity room</source>
        <translation>活动室</translation>
    </message>
    <message>
        <source>Reading room</source>
        <translation>职工书屋</translation>
    </message>
    <message>
        <source>Other room</source>
        <translation>其他场地</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation>已签到</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>未到场</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>At the desk</source>
        <translation>现场</translation>
    </message>
    <message>
        <source>By phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>New Year&apos;s Day</source>
        <translation>元旦</translation>
    </message>
    <message>
        <source>Spring Festival</source>
        <translation>春节</translation>
    </message>
    <message>
        <source>Qingming Festival</source>
        <translation>清明节</translation>
    </message>
    <message>
        <source>Labour Day</source>
        <translation>劳动节</translation>
    </message>
    <message>
        <source>Dragon Boat Festival</source>
        <translation>端午节</translation>
    </message>
    <message>
        <source>National Day</source>
        <translation>国庆节</translation>
    </message>
    <message>
        <source>Mid-Autumn Festival</source>
        <translation>中秋节</translation>
    </message>
    <message>
        <source>Station closed</source>
        <translation>服务站闭站</translation>
    </message>
    <message>
        <source>Give the room a name.</source>
        <translation>请填写场地名称。</translation>
    </message>
    <message>
        <source>The name is too long: at most 100 characters.</source>
        <translation>名称过长：最多 100 个字符。</translation>
    </message>
    <message>
        <source>Choose what kind of room it is.</source>
        <translation>请选择场地类型。</translation>
    </message>
    <message>
        <source>The capacity is a number from 1 to 1000.</source>
        <translation>容纳人数应为 1 到 1000 之间的数字。</translation>
    </message>
    <message>
        <source>Choose a slot length from the list.</source>
        <translation>请从列表中选择时段长度。</translation>
    </message>
    <message>
        <source>Give the hours of each day of the week.</source>
        <translation>请填写一周每天的开放时间。</translation>
    </message>
    <message>
        <source>Write the opening hours as 09:00-17:00, or leave the day empty when closed.</source>
        <translation>开放时间请写成 09:00-17:00；不开放的日子留空。</translation>
    </message>
    <message>
        <source>There is already a room of this name.</source>
        <translation>已有同名场地。</translation>
    </message>
    <message>
        <source>This room is no longer on file.</source>
        <translation>该场地已不在系统中。</translation>
    </message>
    <message>
        <source>The station is already closed on this day.</source>
        <translation>这一天已设为闭站日。</translation>
    </message>
    <message>
        <source>The station is not closed on this day.</source>
        <translation>这一天不是闭站日。</translation>
    </message>
    <message>
        <source>A duty ends after it starts, on the same day.</source>
        <translation>值班的结束时间应晚于开始时间，且在同一天。</translation>
    </message>
    <message>
        <source>Choose an active staff member with the counsellor role.</source>
        <translation>请选择具有心理咨询师角色的在用账号。</translation>
    </message>
    <message>
        <source>{name} is already on duty at that time.</source>
        <translation>{name}在该时间已有值班安排。</translation>
    </message>
    <message>
        <source>This duty is no longer on the roster.</source>
        <translation>该值班已不在排班表中。</translation>
    </message>
    <message>
        <source>Sessions are booked with this counsellor during the duty: move or cancel them first.</source>
        <translation>该值班时间内已有预约这位咨询师的咨询：请先改期或取消。</translation>
    </message>
    <message>
        <source>The end must be after the start.</source>
        <translation>结束时间须晚于开始时间。</translation>
    </message>
    <message>
        <source>A room is booked within one day: choose an end on the same day.</source>
        <translation>场地只能在一天之内预约：请选择同一天的结束时间。</translation>
    </message>
    <message>
        <source>{room} is open from {start} to {end} that day.</source>
        <translation>{room}当天的开放时间为 {start} 至 {end}。</translation>
    </message>
</context>
<context>
    <name>RoomsTab</name>
    <message>
        <source>&amp;Location:</source>
        <translation>场地(&amp;L)：</translation>
    </message>
    <message>
        <source>Previo&amp;us week</source>
        <translation>上一周(&amp;U)</translation>
    </message>
    <message>
        <source>Ne&amp;xt week</source>
        <translation>下一周(&amp;X)</translation>
    </message>
    <message>
        <source>Boo&amp;k… (F8)</source>
        <translation>预约(&amp;K)…（F8）</translation>
    </message>
    <message>
        <source>&amp;Cancel booking…</source>
        <translation>取消预约(&amp;C)…</translation>
    </message>
    <message>
        <source>Move to another &amp;slot</source>
        <translation>改到其他时段(&amp;S)</translation>
    </message>
    <message>
        <source>Check &amp;in (F9)</source>
        <translation>签到(&amp;I)（F9）</translation>
    </message>
    <message>
        <source>&amp;No-show</source>
        <translation>未到场(&amp;N)</translation>
    </message>
    <message>
        <source>This week (&amp;J)</source>
        <translation>本周(&amp;J)</translation>
    </message>
    <message>
        <source>No room is set up yet: the administrator adds them.</source>
        <translation>尚未设置场地：请管理员添加。</translation>
    </message>
    <message>
        <source>Week of {first} to {last}</source>
        <translation>{first} 至 {last} 这一周</translation>
    </message>
    <message>
        <source>The room is closed all this week.</source>
        <translation>该场地本周不开放。</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>No counselling sessions of yours today.</source>
        <translation>今天没有您的咨询。</translation>
    </message>
    <message>
        <source>Your sessions today: </source>
        <translation>您今天的咨询：</translation>
    </message>
    <message>
        <source>Free: Enter books it.</source>
        <translation>空闲：按回车预约。</translation>
    </message>
    <message>
        <source>Counsellor: {name}</source>
        <translation>咨询师：{name}</translation>
    </message>
    <message>
        <source>Counsellor wanted</source>
        <translation>需要咨询师</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>备注：{note}</translation>
    </message>
    <message>
        <source>This slot is booked: choose a free one.</source>
        <translation>该时段已被预约：请选择空闲时段。</translation>
    </message>
    <message>
        <source>Booked: {room}, {when}.</source>
        <translation>已预约：{room}，{when}。</translation>
    </message>
    <message>
        <source>Cancel booking</source>
        <translation>取消预约</translation>
    </message>
    <message>
        <source>Cancel the booking of {when}?</source>
        <translation>取消 {when} 的预约吗？</translation>
    </message>
    <message>
        <source>The booking is cancelled.</source>
        <translation>预约已取消。</translation>
    </message>
    <message>
        <source>Checked in.</source>
        <translation>已签到。</translation>
    </message>
    <message>
        <source>Marked as a no-show.</source>
        <translation>已记为未到场。</translation>
    </message>
    <message>
        <source>Moving the booking of {when}: choose the new slot and press Enter (Esc gives up).</source>
        <translation>正在改期 {when} 的预约：选择新的时段后按回车（按 Esc 放弃）。</translation>
    </message>
    <message>
        <source>Moved to {when}.</source>
        <translation>已改到 {when}。</translation>
    </message>
</context>
<context>
    <name>RosterTableModel</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Workplace</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>No-shows so far</source>
        <translation>累计未到场</translation>
    </message>
    <message numerus="yes">
        <source>%n time(s)</source>
        <translation>
            <numerusform>%n 次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{name} held a place and did not come %n time(s), over all events.</source>
        <translation>
            <numerusform>{name}累计有 %n 次报名后未到场（所有活动）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Held until {when}</source>
        <translation>保留至{when}</translation>
    </message>
    <message>
        <source>Checked in {when}</source>
        <translation>{when}签到</translation>
    </message>
    <message>
        <source>Joined {when}</source>
        <translation>{when}加入候补</translation>
    </message>
    <message>
        <source>W{n}</source>
        <translation>候补{n}</translation>
    </message>
</context>
<context>
    <name>RoundDialog</name>
    <message>
        <source>Welfare round</source>
        <translation>福利发放活动</translation>
    </message>
    <message>
        <source>New welfare round</source>
        <translation>新建福利发放活动</translation>
    </message>
    <message>
        <source>e.g. 2027年暑期送清凉</source>
        <translation>如：2027年暑期送清凉</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类别(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>开始日期(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>结束日期(&amp;T)：</translation>
    </message>
    <message>
        <source>e.g. 防暑降温包（绿豆、茶叶、毛巾）</source>
        <translation>如：防暑降温包（绿豆、茶叶、毛巾）</translation>
    </message>
    <message>
        <source>&amp;Items each:</source>
        <translation>每人物品(&amp;I)：</translation>
    </message>
    <message>
        <source>yuan, for the budget</source>
        <translation>元，计入预算</translation>
    </message>
    <message>
        <source>Items&apos; &amp;value each:</source>
        <translation>每人物品价值(&amp;V)：</translation>
    </message>
    <message>
        <source>yuan; empty if none</source>
        <translation>元；没有则留空</translation>
    </message>
    <message>
        <source>&amp;Money each:</source>
        <translation>每人金额(&amp;M)：</translation>
    </message>
    <message>
        <source>yuan; empty: no limit</source>
        <translation>元；留空表示不设上限</translation>
    </message>
    <message>
        <source>&amp;Budget:</source>
        <translation>预算(&amp;B)：</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
</context>
<context>
    <name>RoundTableModel</name>
    <message>
        <source>Round</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>To</source>
        <translation>结束日期</translation>
    </message>
</context>
<context>
    <name>RuleDialog</name>
    <message>
        <source>Add recipients by rule</source>
        <translation>按条件添加发放对象</translation>
    </message>
    <message>
        <source>Members of chosen workplaces</source>
        <translation>所选单位的会员</translation>
    </message>
    <message>
        <source>Members with a birthday in a month</source>
        <translation>某月过生日的会员</translation>
    </message>
    <message>
        <source>Everyone on the hardship files</source>
        <translation>全部困难职工档案人员</translation>
    </message>
    <message>
        <source>&amp;Rule:</source>
        <translation>条件(&amp;R)：</translation>
    </message>
    <message>
        <source>Type to narrow the workplaces; Space ticks one</source>
        <translation>输入以筛选单位；空格键勾选</translation>
    </message>
    <message>
        <source>&amp;Find:</source>
        <translation>查找(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Workplaces:</source>
        <translation>工作单位(&amp;W)：</translation>
    </message>
    <message>
        <source> (month)</source>
        <translation> 月</translation>
    </message>
    <message>
        <source>&amp;Month:</source>
        <translation>月份(&amp;M)：</translation>
    </message>
    <message>
        <source>Couriers, delivery riders and sanitation workers: choose their workplaces (the register records no trade). Those already on the list are skipped.</source>
        <translation>快递员、外卖骑手、环卫工人：请选择其所在单位（登记信息不含工种）。已在名单中的人员自动跳过。</translation>
    </message>
    <message>
        <source>A&amp;dd</source>
        <translation>添加(&amp;D)</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <source>Circulation rules</source>
        <translation>借阅规则</translation>
    </message>
    <message>
        <source>The most specific rule applies: borrowers and kind of item, then borrowers, then kind of item, then everyone. With no rule at all: {days} days, {loans} books, {renewals} renewal.</source>
        <translation>按最具体的规则执行：先看读者类别加文献类型，其次读者类别，再次文献类型，最后适用所有人的规则。没有任何规则时：借期 {days} 天，最多 {loans} 册，可续借 {renewals} 次。</translation>
    </message>
    <message>
        <source>Borrowers</source>
        <translation>读者类别</translation>
    </message>
    <message>
        <source>Kind of item</source>
        <translation>文献类型</translation>
    </message>
    <message>
        <source>Loan days</source>
        <translation>借期（天）</translation>
    </message>
    <message>
        <source>Most loans</source>
        <translation>最多可借（册）</translation>
    </message>
    <message>
        <source>Renewals</source>
        <translation>续借次数</translation>
    </message>
    <message>
        <source>Reference only</source>
        <translation>仅限阅览</translation>
    </message>
    <message>
        <source>&amp;Add rule</source>
        <translation>添加规则(&amp;A)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Every kind</source>
        <translation>所有类型</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Row {row}: there is already a rule for these borrowers and this kind of item (row {other}); change that one.</source>
        <translation>第 {row} 行：该读者类别和文献类型已有规则（第 {other} 行），请修改那一行。</translation>
    </message>
    <message>
        <source>Row {row}: {message}</source>
        <translation>第 {row} 行：{message}</translation>
    </message>
    <message>
        <source>Row {row} saved.</source>
        <translation>第 {row} 行已保存。</translation>
    </message>
</context>
<context>
    <name>SeriesDialog</name>
    <message>
        <source>New series</source>
        <translation>新建活动系列</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>At most per &amp;person</source>
        <translation>每人最多参加(&amp;P)</translation>
    </message>
</context>
<context>
    <name>ServicePicker</name>
    <message>
        <source>Purpose: type a name or pinyin initials, Enter adds</source>
        <translation>来访事项：输入名称或拼音首字母，回车添加</translation>
    </message>
</context>
<context>
    <name>SessionDialog</name>
    <message>
        <source>Record a mediation session</source>
        <translation>记录调解会议</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>参加人员</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>调解笔录</translation>
    </message>
    <message>
        <source>Signed by the parties</source>
        <translation>当事人已签名</translation>
    </message>
    <message>
        <source>Signed by the mediator</source>
        <translation>调解员已签名</translation>
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
    <name>SigninSheet</name>
    <message>
        <source>Event:</source>
        <translation>活动：</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>时间：</translation>
    </message>
    <message>
        <source>Venue:</source>
        <translation>地点：</translation>
    </message>
    <message>
        <source>Sign-in sheet</source>
        <translation>签到表</translation>
    </message>
    <message>
        <source>Registered:</source>
        <translation>报名人数：</translation>
    </message>
    <message>
        <source>%n person(s)</source>
        <translation>%n 人</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Workplace</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>Event cancelled: people to notify</source>
        <translation>活动取消通知名单</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>取消原因：</translation>
    </message>
    <message>
        <source>Notified</source>
        <translation>已通知</translation>
    </message>
</context>
<context>
    <name>Spreadsheets</name>
    <message>
        <source>The file cannot be read as an Excel workbook (.xlsx): {reason}</source>
        <translation>无法作为 Excel 工作簿（.xlsx）读取该文件：{reason}</translation>
    </message>
    <message>
        <source>it is not a zip archive</source>
        <translation>它不是 zip 压缩文件</translation>
    </message>
    <message>
        <source>The workbook has more than {limit} parts; a spreadsheet has a few dozen. It was not read.</source>
        <translation>该工作簿包含超过 {limit} 个组成部分（普通电子表格只有几十个），未予读取。</translation>
    </message>
    <message>
        <source>The workbook&apos;s table of contents is larger than {limit}; it was not read.</source>
        <translation>该工作簿的目录大于 {limit}，未予读取。</translation>
    </message>
    <message>
        <source>A part of the workbook ({name}) unpacks to {size}, over the limit of {limit}. It was not read; save the data in a new workbook, or as CSV, and import that.</source>
        <translation>工作簿中的一个部分（{name}）解压后为 {size}，超过上限 {limit}，未读取。请将数据另存为新的工作簿或 CSV 文件后再导入。</translation>
    </message>
    <message>
        <source>A part of the workbook ({name}) unpacks to {ratio:,} times its size, over the limit of {limit} times: it is not an ordinary spreadsheet and was not read.</source>
        <translation>该工作簿的组成部分（{name}）解压后是其大小的 {ratio:,} 倍，超过 {limit} 倍的上限：这不是普通的电子表格，未予读取。</translation>
    </message>
    <message>
        <source>The workbook unpacks to {size}, over the limit of {limit}. It was not read; split it into smaller files.</source>
        <translation>该工作簿解压后为 {size}，超过 {limit} 的上限，未予读取；请拆分为较小的文件。</translation>
    </message>
    <message>
        <source>its first sheet holds no table</source>
        <translation>其第一个工作表中没有表格</translation>
    </message>
    <message>
        <source>it has a row numbered {number}</source>
        <translation>其中有编号为 {number} 的行</translation>
    </message>
    <message>
        <source>The file is {size}, over the limit of {limit} for a CSV file; split it.</source>
        <translation>该文件大小为 {size}，超过 CSV 文件 {limit} 的上限，请拆分后再导入。</translation>
    </message>
    <message>
        <source>The file is neither UTF-8 nor GB18030 text. Save it again as CSV (UTF-8).</source>
        <translation>该文件既不是 UTF-8 也不是 GB18030 编码的文本，请重新另存为 CSV（UTF-8）。</translation>
    </message>
    <message>
        <source>The file is not a valid CSV file: {reason}</source>
        <translation>该文件不是有效的 CSV 文件：{reason}</translation>
    </message>
    <message>
        <source>The sheet spans {cells} cells, over the limit of {limit}. It was not read; delete the empty rows and columns around the table, or save it as CSV, and import that.</source>
        <translation>工作表跨越 {cells} 个单元格，超过 {limit} 的上限，未读取。请删除表格周围的空行和空列，或另存为 CSV 后再导入。</translation>
    </message>
    <message>
        <source>The file cannot be read as a spreadsheet: {reason}</source>
        <translation>无法作为表格读取此文件：{reason}</translation>
    </message>
    <message>
        <source>The file is {size}, over the limit of {limit} for a spreadsheet; split it.</source>
        <translation>文件大小为 {size}，超过表格文件 {limit} 的上限，请拆分后导入。</translation>
    </message>
    <message>
        <source>it has no sheet</source>
        <translation>其中没有工作表</translation>
    </message>
    <message>
        <source>Only Excel workbooks (.xlsx, .xls), OpenDocument spreadsheets (.ods) and CSV files can be imported; save the file in one of these formats.</source>
        <translation>只能导入 Excel 工作簿（.xlsx、.xls）、OpenDocument 表格（.ods）和 CSV 文件；请把文件另存为其中一种格式。</translation>
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
        <source>&amp;Delete account…</source>
        <translation>删除账号(&amp;D)…</translation>
    </message>
    <message>
        <source>Delete an account created by mistake; one that was ever used is deactivated instead</source>
        <translation>删除误建的账号；使用过的账号将改为停用</translation>
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
        <source>the account {name}</source>
        <translation>账号 {name}</translation>
    </message>
    <message>
        <source>Deactivate the account {name} instead?</source>
        <translation>改为停用账号 {name}？</translation>
    </message>
    <message>
        <source>Account {name} deleted.</source>
        <translation>账号 {name} 已删除。</translation>
    </message>
    <message>
        <source>Account {name} deactivated: it can no longer sign in; what it did stays on record.</source>
        <translation>账号 {name} 已停用：该账号不能再登录，其操作记录予以保留。</translation>
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
        <source>The database {path} does not exist (a new computer, or the file was lost).</source>
        <translation>数据库 {path} 不存在（新电脑，或文件已丢失）。</translation>
    </message>
    <message>
        <source>The database {path} is damaged and cannot be opened ({reason}).</source>
        <translation>数据库 {path} 已损坏，无法打开（{reason}）。</translation>
    </message>
    <message>
        <source>Restore a backup?</source>
        <translation>是否恢复备份？</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>sign-in needed: the database has no staff account yet (the first start creates the administrator).</source>
        <translation>需要登录：数据库中还没有工作人员账号（首次启动时会创建管理员）。</translation>
    </message>
    <message>
        <source>sign-in needed: there is no active staff account named “{user}” like the operating-system user.</source>
        <translation>需要登录：没有与操作系统用户同名的启用账号“{user}”。</translation>
    </message>
    <message>
        <source>Checking the backup</source>
        <translation>正在检查备份</translation>
    </message>
    <message>
        <source>Checking {name}…</source>
        <translation>正在检查 {name}…</translation>
    </message>
    <message>
        <source>The newest backup of this database is {name} of {when} (station: {station}). Restore it?</source>
        <translation>该数据库最新的备份是 {when} 的 {name}（服务站：{station}）。是否恢复？</translation>
    </message>
    <message>
        <source>Restore the backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Start a new database</source>
        <translation>新建数据库</translation>
    </message>
    <message>
        <source>restoring {path} from {backup}</source>
        <translation>正在用 {backup} 恢复 {path}</translation>
    </message>
    <message>
        <source>Restoring the backup</source>
        <translation>正在恢复备份</translation>
    </message>
    <message>
        <source>Restoring {name}…</source>
        <translation>正在恢复 {name}…</translation>
    </message>
    <message>
        <source>Cannot restore the backup</source>
        <translation>无法恢复备份</translation>
    </message>
    <message>
        <source>upgrading the database {path} from schema {found} to {known}</source>
        <translation>正在将数据库 {path} 从结构版本 {found} 升级到 {known}</translation>
    </message>
    <message>
        <source>Upgrading the database</source>
        <translation>正在升级数据库</translation>
    </message>
    <message>
        <source>Upgrading the database to this version of stationapp (a backup comes first)…</source>
        <translation>正在将数据库升级到本版本的 stationapp（先做备份）…</translation>
    </message>
    <message>
        <source>Opening the database</source>
        <translation>正在打开数据库</translation>
    </message>
    <message>
        <source>Connecting to the database server {server}…</source>
        <translation>正在连接数据库服务器 {server}…</translation>
    </message>
    <message>
        <source>creating the demo database {path}; the first start takes a minute or two</source>
        <translation>正在创建演示数据库 {path}；首次启动需要一两分钟</translation>
    </message>
    <message>
        <source>First start of the demo</source>
        <translation>首次启动演示</translation>
    </message>
    <message>
        <source>Creating the demo database…</source>
        <translation>正在创建演示数据库…</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>the database {path} does not exist.</source>
        <translation>数据库 {path} 不存在。</translation>
    </message>
    <message>
        <source>the demo database was not created (cancelled).</source>
        <translation>未创建演示数据库（已取消）。</translation>
    </message>
    <message>
        <source>The database cannot be read ({error}). Nothing was changed.</source>
        <translation>无法读取数据库（{error}）。未做任何更改。</translation>
    </message>
    <message>
        <source>Sign-in needed</source>
        <translation>需要登录</translation>
    </message>
    <message>
        <source>smoke test passed: the main window was shown after {seconds:.1f} s</source>
        <translation>冒烟测试通过：主窗口在 {seconds:.1f} 秒后显示</translation>
    </message>
    <message>
        <source>the main window was not painted within {seconds} s.</source>
        <translation>主窗口在 {seconds} 秒内未能显示。</translation>
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
    <message>
        <source>Phone and address, printed on notices</source>
        <translation>电话和地址，打印在告知书上</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <source> minutes without use</source>
        <translation> 分钟无操作</translation>
    </message>
    <message>
        <source>After this time without a key press or a click the window hides its content and asks for the password again.</source>
        <translation>超过此时间没有按键或点击操作时，窗口将隐藏内容，并要求重新输入密码。</translation>
    </message>
    <message>
        <source>Lock the window after</source>
        <translation>锁定窗口的闲置时间</translation>
    </message>
    <message>
        <source> minutes without a scan</source>
        <translation> 分钟未扫描</translation>
    </message>
    <message>
        <source>After this time without a scan or a key press at the library desk, the borrower is cleared, so the next reader&apos;s books are not lent to the last one.</source>
        <translation>借还台超过此时间未扫描、未按键，即清除当前借阅人，以免把下一位读者的书借到上一位名下。</translation>
    </message>
    <message>
        <source>Clear the library borrower after</source>
        <translation>借还台清除借阅人的闲置时间</translation>
    </message>
</context>
<context>
    <name>StatisticsPage</name>
    <message>
        <source>Fr&amp;om</source>
        <translation>从(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;until</source>
        <translation>至(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>统计(&amp;S)</translation>
    </message>
    <message>
        <source>Workplace</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Age band</source>
        <translation>年龄段</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>活动系列</translation>
    </message>
    <message>
        <source>By workplace</source>
        <translation>按单位</translation>
    </message>
    <message>
        <source>By gender</source>
        <translation>按性别</translation>
    </message>
    <message>
        <source>By age band</source>
        <translation>按年龄段</translation>
    </message>
    <message>
        <source>By series</source>
        <translation>按活动系列</translation>
    </message>
    <message>
        <source>People: how many different people attended. Person-times (人次): how many attendances in all.</source>
        <translation>人数：参加活动的不同人员数。人次：参加活动的总次数。</translation>
    </message>
    <message>
        <source>The end of the range is before its start.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>Registrations: {registrations}&#x3000;Attended: {attended}&#x3000;No-shows: {no_shows}&#x3000;Attendance rate: {rate}&#x3000;Unique people: {people}</source>
        <translation>报名：{registrations}&#x3000;到场：{attended}&#x3000;未到场：{no_shows}&#x3000;到场率：{rate}&#x3000;参加人数：{people}</translation>
    </message>
</context>
<context>
    <name>StocktakeWidget</name>
    <message>
        <source>Location:</source>
        <translation>馆藏位置：</translation>
    </message>
    <message>
        <source>Freeze the list of books expected on the shelf here, then scan them</source>
        <translation>固定此处应在架的图书清单，然后逐本扫描</translation>
    </message>
    <message>
        <source>Open stocktake:</source>
        <translation>进行中的盘点：</translation>
    </message>
    <message>
        <source>Optional: books found here that belong elsewhere are listed as misplaced</source>
        <translation>可选：在此发现的、应在别处的图书列为错架</translation>
    </message>
    <message>
        <source>Scan each book on the shelf</source>
        <translation>逐本扫描架上的图书</translation>
    </message>
    <message>
        <source>Start st&amp;ocktake</source>
        <translation>开始盘点(&amp;O)</translation>
    </message>
    <message>
        <source>Shelf being s&amp;canned:</source>
        <translation>正在扫描的书架(&amp;C)：</translation>
    </message>
    <message>
        <source>Show the result (&amp;J)</source>
        <translation>查看结果(&amp;J)</translation>
    </message>
    <message>
        <source>Finish &amp;stocktake…</source>
        <translation>结束盘点(&amp;S)…</translation>
    </message>
    <message>
        <source>Pri&amp;nt result…</source>
        <translation>打印结果(&amp;N)…</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>Unexpected</source>
        <translation>计划外</translation>
    </message>
    <message>
        <source>Misplaced</source>
        <translation>错架</translation>
    </message>
    <message>
        <source>Lent or returned meanwhile</source>
        <translation>期间借出或归还</translation>
    </message>
    <message>
        <source>All locations</source>
        <translation>全部位置</translation>
    </message>
    <message>
        <source>{where}, started {start}</source>
        <translation>{where}，开始于{start}</translation>
    </message>
    <message>
        <source>No stocktake is open: choose a location and start one.</source>
        <translation>没有进行中的盘点：请选择位置后开始盘点。</translation>
    </message>
    <message>
        <source>{where}: expected {expected}, seen {seen}, still to find {left}; unexpected {unexpected}, misplaced {misplaced}.</source>
        <translation>{where}：应在架 {expected} 册，已清点 {seen} 册，待找 {left} 册；计划外 {unexpected} 册，错架 {misplaced} 册。</translation>
    </message>
    <message>
        <source>(finished)</source>
        <translation>（已结束）</translation>
    </message>
    <message>
        <source>Stocktake of {where} started: scan every book on the shelf.</source>
        <translation>{where}盘点已开始：请逐本扫描架上图书。</translation>
    </message>
    <message>
        <source>Finish stocktake</source>
        <translation>结束盘点</translation>
    </message>
    <message>
        <source>Finish this stocktake? No book changes status: decide about the missing ones in the catalogue.</source>
        <translation>结束本次盘点吗？图书状态不会自动改变：缺失的图书请在编目中逐一处理。</translation>
    </message>
    <message>
        <source>Stocktake finished.</source>
        <translation>盘点已结束。</translation>
    </message>
</context>
<context>
    <name>TitleDialog</name>
    <message>
        <source>Edit title</source>
        <translation>编辑书目</translation>
    </message>
    <message>
        <source>New title</source>
        <translation>新增书目</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>书名(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Author</source>
        <translation>作者(&amp;A)</translation>
    </message>
    <message>
        <source>Scan or type; ISBN-10 or ISBN-13; may be empty</source>
        <translation>扫描或输入 10 位或 13 位 ISBN；可以不填</translation>
    </message>
    <message>
        <source>&amp;ISBN</source>
        <translation>ISBN(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Publisher</source>
        <translation>出版社(&amp;P)</translation>
    </message>
    <message>
        <source>e.g. 2015</source>
        <translation>例如 2015</translation>
    </message>
    <message>
        <source>&amp;Year</source>
        <translation>出版年(&amp;Y)</translation>
    </message>
    <message>
        <source>e.g. I247.5</source>
        <translation>例如 I247.5</translation>
    </message>
    <message>
        <source>&amp;Class number</source>
        <translation>分类号(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Kind of item</source>
        <translation>文献类型(&amp;K)</translation>
    </message>
    <message>
        <source>First copy (leave the barcode empty to add none)</source>
        <translation>第一册复本（条码留空则不添加复本）</translation>
    </message>
    <message>
        <source>Scan the copy&apos;s barcode, or clear its location and price.</source>
        <translation>请扫描复本的条码，或清空馆藏地点和价格。</translation>
    </message>
</context>
<context>
    <name>TitleTableModel</name>
    <message>
        <source>Title</source>
        <translation>书名</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>ISBN</source>
        <translation>ISBN</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>出版社</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>出版年</translation>
    </message>
    <message>
        <source>Class number</source>
        <translation>分类号</translation>
    </message>
    <message>
        <source>On shelf / copies</source>
        <translation>在架/总册数</translation>
    </message>
    <message>
        <source>{free} of {total} copies on the shelf</source>
        <translation>共 {total} 册，{free} 册在架</translation>
    </message>
    <message>
        <source>Deactivated: no longer in the catalogue</source>
        <translation>已停用：不再列入馆藏目录</translation>
    </message>
</context>
<context>
    <name>Today</name>
    <message>
        <source>Anonymous visitor</source>
        <translation>匿名来访</translation>
    </message>
    <message>
        <source>{number} closed {closed}, retention ended {until}</source>
        <translation>{number} {closed}结案，保管期限已于{until}届满</translation>
    </message>
    <message>
        <source>{line} ✓ greeting sent</source>
        <translation>{line} ✓ 已送祝福</translation>
    </message>
    <message>
        <source>{name} (on a round&apos;s list)</source>
        <translation>{name}（已列入发放名单）</translation>
    </message>
    <message>
        <source>{name}: {employees} employees</source>
        <translation>{name}：职工{employees}人</translation>
    </message>
</context>
<context>
    <name>TodayTab</name>
    <message>
        <source>Nothing is due today for your roles. Use the other tabs to start work.</source>
        <translation>按您的岗位，今天没有待办事项。可在其他标签页开始工作。</translation>
    </message>
    <message>
        <source>Refre&amp;sh</source>
        <translation>刷新(&amp;S)</translation>
    </message>
    <message>
        <source>Print the &amp;greeting list…</source>
        <translation>打印祝福名单(&amp;G)…</translation>
    </message>
    <message>
        <source>Greeting se&amp;nt</source>
        <translation>已送祝福(&amp;N)</translation>
    </message>
    <message>
        <source>Record the selected member&apos;s birthday greeting as sent (welfare rounds)</source>
        <translation>登记所选会员已送生日祝福（福利发放）</translation>
    </message>
    <message>
        <source>Today: {date}</source>
        <translation>今日：{date}</translation>
    </message>
    <message>
        <source>Kept past its retention date: decide what becomes of the file</source>
        <translation>已超过保管期限：请决定卷宗的处理方式</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more: show all</source>
        <translation>
            <numerusform>……另有 %n 项：查看全部</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Today&apos;s visits (%n)</source>
        <translation>
            <numerusform>今日来访（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Follow-ups due (%n)</source>
        <translation>
            <numerusform>到期回访（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Case deadlines: overdue or within 3 days (%n)</source>
        <translation>
            <numerusform>案件期限：已逾期或 3 日内到期（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Case files past retention (%n)</source>
        <translation>
            <numerusform>已过保管期限的卷宗（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Today&apos;s mediation sessions (%n)</source>
        <translation>
            <numerusform>今日调解会议（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Loans overdue or due today (%n)</source>
        <translation>
            <numerusform>逾期及今日到期借阅（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Book boxes due back within 7 days (%n)</source>
        <translation>
            <numerusform>7 日内应归还的流动书箱（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This week&apos;s events and decisions (%n)</source>
        <translation>
            <numerusform>本周活动及待定事项（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Event coverage warnings this month (%n)</source>
        <translation>
            <numerusform>本月活动覆盖提醒（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Members&apos; birthdays this week (%n)</source>
        <translation>
            <numerusform>本周会员生日（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Today&apos;s room bookings (%n)</source>
        <translation>
            <numerusform>今日场地预约（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Workplaces of 25 or more employees without a union (%n)</source>
        <translation>
            <numerusform>25人以上未建会单位（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Collective contracts expiring within 60 days (%n)</source>
        <translation>
            <numerusform>60天内到期的集体合同（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Workers&apos; congresses overdue (%n)</source>
        <translation>
            <numerusform>逾期未开的职代会（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Summer cooling visits: hardship files not yet visited (%n)</source>
        <translation>
            <numerusform>送清凉：尚未走访的困难职工（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Spring Festival visits: hardship files not yet visited (%n)</source>
        <translation>
            <numerusform>送温暖：尚未走访的困难职工（%n）</numerusform>
        </translation>
    </message>
    <message>
        <source>This month&apos;s satisfaction: no ratings yet</source>
        <translation>本月满意度：尚无评价</translation>
    </message>
    <message>
        <source>This month&apos;s satisfaction: {rate}</source>
        <translation>本月满意度：{rate}</translation>
    </message>
    <message numerus="yes">
        <source>%n already reached by a welfare round of this season</source>
        <translation>
            <numerusform>本季福利发放已覆盖 %n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>No visits yet today.</source>
        <translation>今天还没有来访。</translation>
    </message>
    <message>
        <source>This month has its big event and a small one every week.</source>
        <translation>本月已有大型活动，且每周都有小型活动。</translation>
    </message>
    <message>
        <source>No member has a birthday this week.</source>
        <translation>本周没有会员过生日。</translation>
    </message>
    <message>
        <source>Everyone on the hardship files has been visited.</source>
        <translation>困难职工档案中的人员均已走访。</translation>
    </message>
    <message>
        <source>No room is booked today.</source>
        <translation>今天没有场地预约。</translation>
    </message>
    <message>
        <source>No workplace&apos;s collective contract runs out within 60 days.</source>
        <translation>60天内没有单位的集体合同到期。</translation>
    </message>
    <message>
        <source>Every workplace has held its workers&apos; congress in time.</source>
        <translation>各单位均已按时召开职代会。</translation>
    </message>
    <message>
        <source>Nothing due.</source>
        <translation>暂无到期事项。</translation>
    </message>
    <message>
        <source>No big event planned in {month}</source>
        <translation>{month} 尚未安排大型活动</translation>
    </message>
    <message>
        <source>Decide whether to hold it (taken/minimum): {event}</source>
        <translation>人数未达下限，待决定是否举办（已报/下限）：{event}</translation>
    </message>
    <message>
        <source>No small event in the week {week}</source>
        <translation>{week} 这一周没有小型活动</translation>
    </message>
    <message>
        <source>{line} (overdue)</source>
        <translation>{line}（逾期）</translation>
    </message>
    <message>
        <source>Choose a member in the birthday list first.</source>
        <translation>请先在生日名单中选择会员。</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Workplace</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Greeting sent</source>
        <translation>已送祝福</translation>
    </message>
    <message>
        <source>Birthday greetings for members, {start} to {end}</source>
        <translation>会员生日祝福名单（{start} 至 {end}）</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s).</source>
        <translation>
            <numerusform>共 %n 人。</numerusform>
        </translation>
    </message>
    <message>
        <source>Greetings sent by: ____________   Date: ____________</source>
        <translation>送祝福人：____________&#x3000;&#x3000;日期：____________</translation>
    </message>
    <message>
        <source>Birthday greeting list</source>
        <translation>生日祝福名单</translation>
    </message>
</context>
<context>
    <name>TransitionDialog</name>
    <message>
        <source>Case step: {state}</source>
        <translation>案件办理：{state}</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>理由（必填）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>UnionStatusDialog</name>
    <message>
        <source>Union status of {name}</source>
        <translation>{name}的建会状态</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>状态(&amp;S)</translation>
    </message>
    <message>
        <source>Known</source>
        <translation>已知</translation>
    </message>
    <message>
        <source>Preparing since</source>
        <translation>筹建开始日期</translation>
    </message>
    <message>
        <source>Founded on</source>
        <translation>建会日期</translation>
    </message>
</context>
<context>
    <name>UnionWork</name>
    <message>
        <source>Workers&apos; congress (职代会)</source>
        <translation>职工代表大会（职代会）</translation>
    </message>
    <message>
        <source>General assembly (职工大会)</source>
        <translation>职工大会</translation>
    </message>
    <message>
        <source>Wage agreement (工资专项集体合同)</source>
        <translation>工资专项集体合同</translation>
    </message>
    <message>
        <source>Collective contract (综合集体合同)</source>
        <translation>综合集体合同</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>良好</translation>
    </message>
    <message>
        <source>Needs improvement</source>
        <translation>需改进</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>未开展</translation>
    </message>
    <message>
        <source>Not yet in force</source>
        <translation>尚未生效</translation>
    </message>
    <message>
        <source>In force</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Expiring within 60 days</source>
        <translation>60天内到期</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已到期</translation>
    </message>
    <message>
        <source>Renewed</source>
        <translation>已续签</translation>
    </message>
    <message>
        <source>The date cannot be in the future.</source>
        <translation>日期不能晚于今天。</translation>
    </message>
    <message>
        <source>This workplace no longer exists.</source>
        <translation>该单位已不存在。</translation>
    </message>
    <message>
        <source>Give the day it was held.</source>
        <translation>请填写召开日期。</translation>
    </message>
    <message>
        <source>Choose the kind of meeting.</source>
        <translation>请选择会议类型。</translation>
    </message>
    <message>
        <source>Give the number of delegates present.</source>
        <translation>请填写到会代表人数。</translation>
    </message>
    <message>
        <source>A workers&apos; congress has delegates: give their number.</source>
        <translation>职代会须有职工代表：请填写代表人数。</translation>
    </message>
    <message>
        <source>This meeting&apos;s record no longer exists.</source>
        <translation>该会议记录已不存在。</translation>
    </message>
    <message>
        <source>Give the increase as a percentage from 0 to 100, e.g. 5.5.</source>
        <translation>请按百分比填写增幅（0到100），如 5.5。</translation>
    </message>
    <message>
        <source>A collective contract runs at least one year.</source>
        <translation>集体合同期限至少一年。</translation>
    </message>
    <message>
        <source>A collective contract runs at most three years.</source>
        <translation>集体合同期限最长三年。</translation>
    </message>
    <message>
        <source>Choose the kind of contract.</source>
        <translation>请选择合同类型。</translation>
    </message>
    <message>
        <source>Give the day it was signed.</source>
        <translation>请填写签订日期。</translation>
    </message>
    <message>
        <source>It is filed on or after its signing.</source>
        <translation>备案日期不能早于签订日期。</translation>
    </message>
    <message>
        <source>Give the first day of its term.</source>
        <translation>请填写合同起始日期。</translation>
    </message>
    <message>
        <source>Give the last day of its term.</source>
        <translation>请填写合同终止日期。</translation>
    </message>
    <message>
        <source>Give the number of employees covered.</source>
        <translation>请填写覆盖职工人数。</translation>
    </message>
    <message>
        <source>Say what the minimum-wage clause provides.</source>
        <translation>请填写最低工资条款的内容。</translation>
    </message>
    <message>
        <source>Choose the workplaces the contract covers.</source>
        <translation>请选择合同覆盖的单位。</translation>
    </message>
    <message>
        <source>Choose only active workplaces of this building.</source>
        <translation>只能选择本楼宇在册的单位。</translation>
    </message>
    <message>
        <source>This contract no longer exists.</source>
        <translation>该合同已不存在。</translation>
    </message>
    <message>
        <source>This building no longer exists.</source>
        <translation>该楼宇已不存在。</translation>
    </message>
    <message>
        <source>This contract has already been renewed.</source>
        <translation>该合同已续签。</translation>
    </message>
    <message>
        <source>The renewal starts after the earlier contract&apos;s start.</source>
        <translation>续签合同的起始日期须晚于原合同的起始日期。</translation>
    </message>
    <message>
        <source>Give the day of the check.</source>
        <translation>请填写检查日期。</translation>
    </message>
    <message>
        <source>Choose how the workplace did.</source>
        <translation>请选择检查结果。</translation>
    </message>
    <message>
        <source>Say what follows: what the workplace will do and when it is checked again.</source>
        <translation>请填写后续跟进：单位如何整改、何时复查。</translation>
    </message>
    <message>
        <source>This check no longer exists.</source>
        <translation>该检查记录已不存在。</translation>
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
        <source>The text contains an invisible direction mark ({code}) that changes the order it is shown in; please delete it and type the text again.</source>
        <translation>文本中含有不可见的文字方向控制符（{code}），会改变文字的显示顺序，请将其删除后重新输入。</translation>
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
    <name>VisitDialog</name>
    <message>
        <source>Correct visit</source>
        <translation>更正来访记录</translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <source>&lt;b&gt;Visitor&lt;/b&gt; (phone tail, name, pinyin initials; Enter picks)</source>
        <translation>&lt;b&gt;来访人&lt;/b&gt;（手机尾号、姓名或拼音首字母，回车选定）</translation>
    </message>
    <message>
        <source>Anon&amp;ymous visitor (gave no details)</source>
        <translation>匿名来访(&amp;Y)（未留个人信息）</translation>
    </message>
    <message>
        <source>&amp;Channel</source>
        <translation>来访方式(&amp;C)</translation>
    </message>
    <message>
        <source>P&amp;urposes</source>
        <translation>来访事项(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Save (Ctrl+Enter)</source>
        <translation>保存(&amp;S)（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>更换</translation>
    </message>
    <message>
        <source>Rat&amp;ing</source>
        <translation>满意度(&amp;I)</translation>
    </message>
    <message>
        <source>Print notice… (Ctrl+P)</source>
        <translation>打印告知书…（Ctrl+P）</translation>
    </message>
    <message>
        <source>Clear form</source>
        <translation>清空表单</translation>
    </message>
    <message>
        <source>Save and file a &amp;dispute case…</source>
        <translation>保存并登记争议案件(&amp;D)…</translation>
    </message>
    <message>
        <source>Save this visit and open a mediation application with the visitor filled in</source>
        <translation>保存本次来访，并打开已填入来访人的调解申请</translation>
    </message>
    <message>
        <source>&lt;b&gt;One-time notice&lt;/b&gt; for the chosen purposes</source>
        <translation>所选事项的&lt;b&gt;一次性告知&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Choose a purpose: its materials, time limit and outcome appear here.</source>
        <translation>选择来访事项后，这里会显示所需材料、办理时限和办理结果。</translation>
    </message>
    <message>
        <source>union member</source>
        <translation>工会会员</translation>
    </message>
    <message>
        <source>not a member</source>
        <translation>非会员</translation>
    </message>
    <message>
        <source>has a member card</source>
        <translation>已办京卡</translation>
    </message>
    <message>
        <source>Choose the visitor, or tick “Anonymous visitor”.</source>
        <translation>请选择来访人，或勾选“匿名来访”。</translation>
    </message>
    <message>
        <source>anonymous visitor</source>
        <translation>匿名来访人</translation>
    </message>
    <message>
        <source>Saved: {who}, {purposes}.</source>
        <translation>已保存：{who}，{purposes}。</translation>
    </message>
    <message>
        <source>A mediation application needs the visitor&apos;s record.</source>
        <translation>调解申请须关联来访人的档案，请先选择来访人。</translation>
    </message>
    <message>
        <source>Visit saved and application filed: {number}.</source>
        <translation>来访已保存，调解申请已登记：{number}。</translation>
    </message>
    <message>
        <source>Please correct the marked fields; nothing was saved.</source>
        <translation>请修改标出的内容；尚未保存任何内容。</translation>
    </message>
    <message>
        <source>Choose a purpose first.</source>
        <translation>请先选择来访事项。</translation>
    </message>
</context>
<context>
    <name>VisitLogWidget</name>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <source>All dates</source>
        <translation>全部日期</translation>
    </message>
    <message>
        <source>Chosen dates</source>
        <translation>指定日期</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>全部来访方式</translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation>全部办理结果</translation>
    </message>
    <message>
        <source>Only the visits I received</source>
        <translation>只显示我接待的来访</translation>
    </message>
    <message>
        <source>Whe&amp;n</source>
        <translation>时间(&amp;N)</translation>
    </message>
    <message>
        <source>P&amp;urpose</source>
        <translation>事项(&amp;U)</translation>
    </message>
    <message>
        <source>Onl&amp;y mine</source>
        <translation>只看我的(&amp;Y)</translation>
    </message>
    <message>
        <source>E&amp;xport to Excel…</source>
        <translation>导出到 Excel(&amp;X)…</translation>
    </message>
    <message>
        <source>Save the visits shown as an Excel workbook</source>
        <translation>将当前显示的来访记录保存为 Excel 工作簿</translation>
    </message>
    <message>
        <source>All purposes</source>
        <translation>全部事项</translation>
    </message>
    <message>
        <source>{name} (no longer offered)</source>
        <translation>{name}（已停办）</translation>
    </message>
    <message numerus="yes">
        <source>%n visits</source>
        <translation>
            <numerusform>%n 次来访</numerusform>
        </translation>
    </message>
    <message>
        <source>No visits match these filters.</source>
        <translation>没有符合筛选条件的来访记录。</translation>
    </message>
    <message>
        <source>visits-{date}.xlsx</source>
        <translation>来访记录-{date}.xlsx</translation>
    </message>
    <message>
        <source>Export visits</source>
        <translation>导出来访记录</translation>
    </message>
    <message>
        <source>Exporting visits…</source>
        <translation>正在导出来访记录…</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n visits to {path}</source>
        <translation>
            <numerusform>已将 %n 条来访记录导出到 {path}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VisitTableModel</name>
    <message>
        <source>Arrived</source>
        <translation>来访时间</translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation>来访人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>来访方式</translation>
    </message>
    <message>
        <source>Purposes</source>
        <translation>来访事项</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>接待人</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <source>{service}: {outcome}</source>
        <translation>{service}：{outcome}</translation>
    </message>
    <message>
        <source> (to {whom})</source>
        <translation>（转介至{whom}）</translation>
    </message>
    <message>
        <source> ({reason})</source>
        <translation>（{reason}）</translation>
    </message>
    <message>
        <source> (missing: {materials}; by {due})</source>
        <translation>（待补：{materials}；截止 {due}）</translation>
    </message>
</context>
<context>
    <name>Visits</name>
    <message>
        <source>Walk-in</source>
        <translation>到站</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Outreach</source>
        <translation>走访服务</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Referred</source>
        <translation>已转介</translation>
    </message>
    <message>
        <source>Waiting for materials</source>
        <translation>待补材料</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>不予办理</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Basically satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>Not rated</source>
        <translation>未评价</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>原件</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复印件</translation>
    </message>
    <message>
        <source>Original and copy</source>
        <translation>原件及复印件</translation>
    </message>
    <message>
        <source>Union members only</source>
        <translation>仅限工会会员</translation>
    </message>
    <message>
        <source>Needs a member card (京卡)</source>
        <translation>须持有京卡</translation>
    </message>
    <message>
        <source>Ages 16 to retirement</source>
        <translation>16 周岁至退休年龄</translation>
    </message>
    <message>
        <source>This service is no longer in the catalogue.</source>
        <translation>该服务项目已不在服务目录中。</translation>
    </message>
    <message>
        <source>The material “{name}” is listed twice.</source>
        <translation>材料“{name}”重复列出。</translation>
    </message>
    <message>
        <source>Choose original, copy, or both for “{name}”.</source>
        <translation>请为“{name}”选择原件、复印件或原件及复印件。</translation>
    </message>
    <message>
        <source>The number of copies of “{name}” must be 1 to 20.</source>
        <translation>“{name}”的份数应为 1 至 20。</translation>
    </message>
    <message>
        <source>Unknown eligibility check.</source>
        <translation>未知的核验条件。</translation>
    </message>
    <message>
        <source>A service with this name is already in the catalogue.</source>
        <translation>服务目录中已有同名的服务项目。</translation>
    </message>
    <message>
        <source>{service}: only for union members; {name} must join the union first.</source>
        <translation>{service}：仅限工会会员，{name}需先办理入会。</translation>
    </message>
    <message>
        <source>{service}: needs a member card (京卡); {name} has none on record.</source>
        <translation>{service}：须持有京卡，{name}的档案中没有京卡信息。</translation>
    </message>
    <message>
        <source>{service}: for ages 16 to retirement; the birth date is not on record.</source>
        <translation>{service}：限 16 周岁至退休年龄，档案中没有出生日期，请核实。</translation>
    </message>
    <message>
        <source>Choose how this purpose ended.</source>
        <translation>请选择该事项的办理结果。</translation>
    </message>
    <message>
        <source>Say to whom the visitor was referred (at most 200 characters).</source>
        <translation>请填写转介的单位或人员（不超过 200 字）。</translation>
    </message>
    <message>
        <source>Give the reason for declining (at most 500 characters).</source>
        <translation>请填写不予办理的理由（不超过 500 字）。</translation>
    </message>
    <message>
        <source>Tick the materials that are still missing.</source>
        <translation>请确认仍缺少的材料（未勾选的即为缺少）。</translation>
    </message>
    <message>
        <source>Give the date by which the materials should be brought.</source>
        <translation>请填写补交材料的期限。</translation>
    </message>
    <message>
        <source>The due date for the missing materials is in the past.</source>
        <translation>补交材料的期限已经过去。</translation>
    </message>
    <message>
        <source>The due date is more than a year away.</source>
        <translation>补交期限超过一年。</translation>
    </message>
    <message>
        <source>Choose how the visitor came.</source>
        <translation>请选择来访方式。</translation>
    </message>
    <message>
        <source>Choose a rating.</source>
        <translation>请选择满意度。</translation>
    </message>
    <message>
        <source>This person is no longer on file.</source>
        <translation>档案中已没有此人。</translation>
    </message>
    <message>
        <source>The arrival time is in the future.</source>
        <translation>来访时间晚于当前时间。</translation>
    </message>
    <message>
        <source>The arrival time is before 2000.</source>
        <translation>来访时间早于 2000 年。</translation>
    </message>
    <message>
        <source>This outreach session no longer exists.</source>
        <translation>该次走访服务已不存在。</translation>
    </message>
    <message>
        <source>A visit of an outreach session is outreach.</source>
        <translation>走访服务中的来访，来访方式应为“走访服务”。</translation>
    </message>
    <message>
        <source>Choose at least one purpose of the visit.</source>
        <translation>请至少选择一项来访事项。</translation>
    </message>
    <message>
        <source>A purpose is listed twice.</source>
        <translation>同一事项选择了两次。</translation>
    </message>
    <message>
        <source>A chosen service is no longer in the catalogue.</source>
        <translation>所选服务项目已不在服务目录中。</translation>
    </message>
    <message>
        <source>The service “{name}” is no longer offered.</source>
        <translation>服务项目“{name}”已停用。</translation>
    </message>
    <message>
        <source>An anonymous visit for a health- or hardship-related service cannot carry notes: no consent can be on record. Leave the notes empty.</source>
        <translation>匿名来访办理健康或困难相关服务时不能填写备注：无法登记本人同意。请将备注留空。</translation>
    </message>
    <message>
        <source>Notes on a health- or hardship-related service need the worker&apos;s consent to health data. Record the consent on their page first, or leave the notes empty.</source>
        <translation>为健康或困难相关服务填写备注，须取得职工对处理健康信息的同意。请先在其档案页面登记同意，或将备注留空。</translation>
    </message>
    <message>
        <source>This visit no longer exists.</source>
        <translation>该来访记录已不存在。</translation>
    </message>
    <message>
        <source>This follow-up no longer exists.</source>
        <translation>该跟进事项已不存在。</translation>
    </message>
    <message>
        <source>This follow-up has already been completed.</source>
        <translation>该跟进事项已经办结。</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>来访记录</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>来访时间</translation>
    </message>
    <message>
        <source>{service}: for ages 16 to retirement; {name} is {age}.</source>
        <translation>{service}：适用于16周岁至退休前；{name}现年{age}岁。</translation>
    </message>
    <message>
        <source>{service}: for workers not yet retired; {name} reached the statutory retirement age of {age} on {day}.</source>
        <translation>{service}：适用于未退休职工；{name}已于{day}达到法定退休年龄{age}。</translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation>来访人</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>来访方式</translation>
    </message>
    <message>
        <source>Purposes and outcomes</source>
        <translation>来访事项及办理结果</translation>
    </message>
    <message>
        <source>Missing materials</source>
        <translation>缺少的材料</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>接待人</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <source>Choose the workplace or community visited.</source>
        <translation>请选择走访的单位或社区。</translation>
    </message>
    <message>
        <source>An outreach session cannot be in the future.</source>
        <translation>走访日期不能晚于今天。</translation>
    </message>
    <message>
        <source>The date is before 2000.</source>
        <translation>日期早于 2000 年。</translation>
    </message>
    <message>
        <source>Choose the services offered.</source>
        <translation>请选择提供的服务项目。</translation>
    </message>
    <message>
        <source>Add at least one visitor.</source>
        <translation>请至少添加一位来访人。</translation>
    </message>
    <message>
        <source>Visitor {n}: {message}</source>
        <translation>第 {n} 位来访人：{message}</translation>
    </message>
</context>
<context>
    <name>VisitsTab</name>
    <message>
        <source>Re&amp;gister a visit</source>
        <translation>来访登记(&amp;G)</translation>
    </message>
    <message>
        <source>Follow-ups (&amp;K)</source>
        <translation>待补材料跟进(&amp;K)</translation>
    </message>
    <message>
        <source>Visit &amp;log</source>
        <translation>来访台账(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Outreach</source>
        <translation>走访服务(&amp;O)</translation>
    </message>
    <message numerus="yes">
        <source>Today: %n visits</source>
        <translation>
            <numerusform>今日来访 %n 人次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>others %n</source>
        <translation>
            <numerusform>其他 %n</numerusform>
        </translation>
    </message>
    <message>
        <source>No visits yet</source>
        <translation>暂无来访</translation>
    </message>
    <message>
        <source>This month&apos;s satisfaction: no ratings yet</source>
        <translation>本月满意率：暂无评价</translation>
    </message>
    <message numerus="yes">
        <source>This month&apos;s satisfaction: {rate}% of %n rated</source>
        <translation>
            <numerusform>本月满意率：{rate}%（共 %n 条评价）</numerusform>
        </translation>
    </message>
    <message>
        <source>The visit was corrected.</source>
        <translation>来访记录已更正。</translation>
    </message>
</context>
<context>
    <name>WaitingTableModel</name>
    <message>
        <source>Applied on</source>
        <translation>申请日期</translation>
    </message>
    <message>
        <source>Days waiting</source>
        <translation>等待天数</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Materials brought</source>
        <translation>已交材料</translation>
    </message>
</context>
<context>
    <name>Welfare</name>
    <message>
        <source>Choose at least one workplace.</source>
        <translation>请至少选择一个工作单位。</translation>
    </message>
    <message>
        <source>Choose a month.</source>
        <translation>请选择月份。</translation>
    </message>
    <message>
        <source>Choose how to find the recipients.</source>
        <translation>请选择确定发放对象的方式。</translation>
    </message>
    <message>
        <source>Over the budget: {adding} more recipient(s) at ¥{share} each would plan ¥{planned} against a budget of ¥{budget} (¥{now} planned so far). Raise the round&apos;s budget to add them.</source>
        <translation>超出预算：再添加 {adding} 人（每人 ¥{share}）将使计划金额达到 ¥{planned}，预算为 ¥{budget}（目前已计划 ¥{now}）。如需添加，请先提高本次活动的预算。</translation>
    </message>
    <message>
        <source>This person is no longer on file.</source>
        <translation>此人已不在登记名册中。</translation>
    </message>
    <message>
        <source>{name} is already on this round&apos;s list.</source>
        <translation>{name}已在本次发放名单中。</translation>
    </message>
    <message>
        <source>This recipient is no longer on the round&apos;s list.</source>
        <translation>此人已不在本次发放名单中。</translation>
    </message>
    <message>
        <source>Say how the person collecting is related to the recipient.</source>
        <translation>请填写代领人与本人的关系。</translation>
    </message>
    <message>
        <source>Give the name of the person collecting.</source>
        <translation>请填写代领人姓名。</translation>
    </message>
    <message>
        <source>Already delivered on {day}.</source>
        <translation>已于 {day} 发放。</translation>
    </message>
    <message>
        <source>Nothing was delivered to this recipient yet.</source>
        <translation>尚未向此人发放。</translation>
    </message>
    <message>
        <source>Delivered on {day}: undo the delivery before taking them off.</source>
        <translation>已于 {day} 发放：请先撤销发放，再移出名单。</translation>
    </message>
    <message>
        <source>No birthday round runs today: create one under Member services, Welfare rounds.</source>
        <translation>今天没有进行中的生日送祝福活动：请先在“会员服务—福利发放”中新建。</translation>
    </message>
    <message>
        <source>The greeting was already recorded as sent.</source>
        <translation>已登记过送祝福。</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>To</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>物品</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>发放时间</translation>
    </message>
    <message>
        <source>Collected by</source>
        <translation>代领人</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>与本人关系</translation>
    </message>
    <message>
        <source>Summer cooling (送清凉)</source>
        <translation>暑期送清凉</translation>
    </message>
    <message>
        <source>Festival warmth (送温暖)</source>
        <translation>节日送温暖</translation>
    </message>
    <message>
        <source>Birthday greetings (生日送祝福)</source>
        <translation>生日送祝福</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Hardship file</source>
        <translation>困难职工档案</translation>
    </message>
    <message>
        <source>Workplace</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>By hand</source>
        <translation>手工添加</translation>
    </message>
    <message>
        <source>By rule</source>
        <translation>按条件</translation>
    </message>
    <message>
        <source>Choose the kind of round.</source>
        <translation>请选择活动类别。</translation>
    </message>
    <message>
        <source>Give the first day of the round.</source>
        <translation>请填写开始日期。</translation>
    </message>
    <message>
        <source>Give the last day of the round.</source>
        <translation>请填写结束日期。</translation>
    </message>
    <message>
        <source>The round ends on or after its first day.</source>
        <translation>结束日期不能早于开始日期。</translation>
    </message>
    <message>
        <source>A round lasts at most a year.</source>
        <translation>一次活动最长一年。</translation>
    </message>
    <message>
        <source>Say what each recipient gets: items, an amount of money, or both.</source>
        <translation>请填写每人发放的内容：物品、金额或两者。</translation>
    </message>
    <message>
        <source>This round no longer exists.</source>
        <translation>此活动已不存在。</translation>
    </message>
    <message>
        <source>The round&apos;s {count} recipient(s) already take ¥{planned}: the budget cannot be less.</source>
        <translation>本次活动已有 {count} 名发放对象，计划金额 ¥{planned}：预算不能低于此数。</translation>
    </message>
    <message>
        <source>{kind}, {start} to {end}; each: {gets}</source>
        <translation>{kind}，{start} 至 {end}；每人：{gets}</translation>
    </message>
    <message>
        <source>Recipients: {recipients}, delivered: {delivered}. Planned {planned}, delivered {spent} ({share} each).</source>
        <translation>发放对象 {recipients} 人，已发放 {delivered} 人。计划 {planned}，已发放 {spent}（每人 {share}）。</translation>
    </message>
    <message>
        <source>No budget set.</source>
        <translation>未设预算。</translation>
    </message>
    <message>
        <source>Budget {budget}, left {left}.</source>
        <translation>预算 {budget}，剩余 {left}。</translation>
    </message>
    <message>
        <source>not yet delivered</source>
        <translation>尚未发放</translation>
    </message>
    <message>
        <source>delivered {when}, collected by {who} ({relation})</source>
        <translation>{when} 已发放，由{who}（{relation}）代领</translation>
    </message>
    <message>
        <source>delivered {when}</source>
        <translation>{when} 已发放</translation>
    </message>
</context>
<context>
    <name>WelfarePage</name>
    <message>
        <source>Find a round by its name (Ctrl+F)</source>
        <translation>按名称查找活动（Ctrl+F）</translation>
    </message>
    <message>
        <source>&amp;New round…</source>
        <translation>新建活动(&amp;N)…</translation>
    </message>
    <message numerus="yes">
        <source>%n round(s)</source>
        <translation>
            <numerusform>共 %n 次活动</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit r&amp;ound…</source>
        <translation>修改活动(&amp;O)…</translation>
    </message>
    <message>
        <source>Change the round; raise its budget to add more</source>
        <translation>修改活动；提高预算可添加更多人员</translation>
    </message>
    <message>
        <source>Add by r&amp;ule…</source>
        <translation>按条件添加(&amp;U)…</translation>
    </message>
    <message>
        <source>Hardship files, members of chosen workplaces, birthdays in a month</source>
        <translation>困难职工档案、所选单位的会员、某月过生日的会员</translation>
    </message>
    <message>
        <source>Add a wor&amp;ker…</source>
        <translation>添加人员(&amp;K)…</translation>
    </message>
    <message>
        <source>Find a person and add them by hand</source>
        <translation>查找人员并手工添加</translation>
    </message>
    <message>
        <source>Print the signature &amp;list…</source>
        <translation>打印签领单(&amp;L)…</translation>
    </message>
    <message>
        <source>The sign-off list (签领单) on A4</source>
        <translation>A4 签领单</translation>
    </message>
    <message>
        <source>Find the recipient: name, pinyin, initials or phone&apos;s last 4; Enter delivers</source>
        <translation>查找发放对象：姓名、拼音、首字母或手机尾号4位；回车即发放</translation>
    </message>
    <message>
        <source>Only those waitin&amp;g</source>
        <translation>仅显示待发放(&amp;G)</translation>
    </message>
    <message numerus="yes">
        <source>%n recipient(s) listed</source>
        <translation>
            <numerusform>共 %n 名发放对象</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Deliver (Enter)</source>
        <translation>发放(&amp;D)（回车）</translation>
    </message>
    <message>
        <source>Collected by a relat&amp;ive…</source>
        <translation>他人代领(&amp;I)…</translation>
    </message>
    <message>
        <source>Someone else collects it for the recipient: their name and relation</source>
        <translation>由他人代领：填写代领人姓名及关系</translation>
    </message>
    <message>
        <source>Undo deliver&amp;y</source>
        <translation>撤销发放(&amp;Y)</translation>
    </message>
    <message>
        <source>Take back a delivery recorded by mistake</source>
        <translation>撤销误登记的发放</translation>
    </message>
    <message>
        <source>Take off the list (&amp;X)…</source>
        <translation>移出名单(&amp;X)…</translation>
    </message>
    <message>
        <source>Someone added by mistake, not yet delivered to</source>
        <translation>误加且尚未发放的人员</translation>
    </message>
    <message>
        <source>No round&apos;s name contains “{query}”.</source>
        <translation>没有名称包含“{query}”的活动。</translation>
    </message>
    <message>
        <source>No welfare rounds yet. Press Alt+N to set up the first one.</source>
        <translation>尚无福利发放活动。按 Alt+N 新建第一次活动。</translation>
    </message>
    <message>
        <source>No round chosen</source>
        <translation>未选择活动</translation>
    </message>
    <message numerus="yes">
        <source>%n added</source>
        <translation>
            <numerusform>已添加 %n 人</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n already on the list skipped.</source>
        <translation>
            <numerusform>；%n 人已在名单中，已跳过。</numerusform>
        </translation>
    </message>
    <message>
        <source>Signature list: {round}</source>
        <translation>签领单：{round}</translation>
    </message>
    <message>
        <source>Choose a round on the left, or set up a new one.</source>
        <translation>请在左侧选择活动，或新建一次活动。</translation>
    </message>
    <message>
        <source>No recipient found for “{query}”.</source>
        <translation>未找到“{query}”。</translation>
    </message>
    <message>
        <source>Everyone on this round&apos;s list has received theirs.</source>
        <translation>本次名单中的人员均已领取。</translation>
    </message>
    <message>
        <source>No recipients yet: add them by rule (Alt+U) or by hand (Alt+K).</source>
        <translation>尚无发放对象：请按条件添加（Alt+U）或手工添加（Alt+K）。</translation>
    </message>
    <message>
        <source>Delivered to {name}.</source>
        <translation>已向{name}发放。</translation>
    </message>
    <message>
        <source>Delivered for {name}.</source>
        <translation>已为{name}发放（代领）。</translation>
    </message>
    <message>
        <source>Delivery to {name} undone.</source>
        <translation>已撤销向{name}的发放。</translation>
    </message>
    <message>
        <source>Take off the list</source>
        <translation>移出名单</translation>
    </message>
    <message>
        <source>Take {name} off this round&apos;s list?</source>
        <translation>将{name}移出本次活动的发放名单？</translation>
    </message>
    <message>
        <source>{name} is off the list.</source>
        <translation>已将{name}移出名单。</translation>
    </message>
</context>
<context>
    <name>WelfareSheet</name>
    <message>
        <source>{round}: sign-off list</source>
        <translation>{round}签领单</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Dates:</source>
        <translation>活动日期：</translation>
    </message>
    <message>
        <source>Each recipient gets:</source>
        <translation>每人发放：</translation>
    </message>
    <message>
        <source>Recipients:</source>
        <translation>发放人数：</translation>
    </message>
    <message>
        <source>%n person(s)</source>
        <translation>%n 人</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Workplace</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Receives</source>
        <translation>领取内容</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>领取人签名</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Total value:</source>
        <translation>合计金额：</translation>
    </message>
    <message>
        <source>Collected for someone else: sign with your own name and write your relation to the recipient.</source>
        <translation>代领的，请签代领人本人姓名并注明与领取人的关系。</translation>
    </message>
    <message>
        <source>Handed out by: ____________   Checked by: ____________</source>
        <translation>发放人：____________   复核人：____________</translation>
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
    <name>WorkplaceListModel</name>
    <message>
        <source>Workplace</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼宇</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>职工人数</translation>
    </message>
    <message>
        <source>Union</source>
        <translation>建会状态</translation>
    </message>
    <message>
        <source>Members (register / reported)</source>
        <translation>会员（名册/报告）</translation>
    </message>
    <message>
        <source>{name} (deactivated)</source>
        <translation>{name}（已停用）</translation>
    </message>
</context>
<context>
    <name>WorkplacePage</name>
    <message>
        <source>Profile &amp;&amp; &amp;union</source>
        <translation>概况与工会(&amp;U)</translation>
    </message>
    <message>
        <source>Fou&amp;nding steps</source>
        <translation>建会步骤(&amp;N)</translation>
    </message>
    <message>
        <source>Peop&amp;le</source>
        <translation>职工(&amp;L)</translation>
    </message>
    <message>
        <source>V&amp;isits</source>
        <translation>来访(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Cases</source>
        <translation>调解案件(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Outreach</source>
        <translation>走访服务(&amp;O)</translation>
    </message>
    <message>
        <source>Workers&apos; congresses</source>
        <translation>职代会</translation>
    </message>
    <message>
        <source>Collective contracts</source>
        <translation>集体合同</translation>
    </message>
    <message>
        <source>Open affairs</source>
        <translation>厂务公开</translation>
    </message>
    <message>
        <source>← Bac&amp;k</source>
        <translation>← 返回(&amp;K)</translation>
    </message>
    <message>
        <source>E&amp;dit workplace…</source>
        <translation>编辑单位(&amp;D)…</translation>
    </message>
    <message>
        <source>{name} (deactivated)</source>
        <translation>{name}（已停用）</translation>
    </message>
    <message>
        <source>{n} employees</source>
        <translation>职工{n}人</translation>
    </message>
</context>
<context>
    <name>Workplaces</name>
    <message>
        <source>This workplace is no longer on file.</source>
        <translation>该单位已不在记录中。</translation>
    </message>
    <message>
        <source>Enter the date.</source>
        <translation>请输入日期。</translation>
    </message>
    <message>
        <source>The date is in the future; enter the day it happened.</source>
        <translation>日期在将来：请输入实际发生的日期。</translation>
    </message>
    <message>
        <source>Employer contacted</source>
        <translation>联系企业、宣传动员</translation>
    </message>
    <message>
        <source>Founding applied for</source>
        <translation>提出建会申请</translation>
    </message>
    <message>
        <source>Preparatory group formed</source>
        <translation>成立工会筹备组</translation>
    </message>
    <message>
        <source>Members recruited</source>
        <translation>发展会员</translation>
    </message>
    <message>
        <source>Members&apos; assembly held, committee elected</source>
        <translation>召开会员（代表）大会，选举工会委员会</translation>
    </message>
    <message>
        <source>Approved by the higher union</source>
        <translation>上级工会批复</translation>
    </message>
    <message>
        <source>Registered as a legal person</source>
        <translation>工会法人资格登记</translation>
    </message>
    <message>
        <source>Enter the federation&apos;s name, or leave its other fields empty.</source>
        <translation>请填写联合会名称，或将联合会的其他信息留空。</translation>
    </message>
    <message>
        <source>A building with this name is already on file.</source>
        <translation>已有同名楼宇。</translation>
    </message>
    <message>
        <source>This building is no longer on file.</source>
        <translation>该楼宇已不在记录中。</translation>
    </message>
    <message>
        <source>Enter a number from 0 to {n}.</source>
        <translation>请输入0到{n}之间的数字。</translation>
    </message>
    <message>
        <source>More members than employees: check both numbers.</source>
        <translation>会员数多于职工数：请核对这两个数字。</translation>
    </message>
    <message>
        <source>Choose the union status.</source>
        <translation>请选择建会状态。</translation>
    </message>
    <message>
        <source>Preparation cannot begin after the founding.</source>
        <translation>筹建日期不能晚于建会日期。</translation>
    </message>
    <message>
        <source>Choose a founding step.</source>
        <translation>请选择建会步骤。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>No one on the register works here yet.</source>
        <translation>登记名册中暂无该单位的职工。</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>来访人</translation>
    </message>
    <message>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>No visits from this workplace yet.</source>
        <translation>暂无该单位的来访记录。</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案号</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收案日期</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>No mediation case names this workplace as the employer.</source>
        <translation>暂无以该单位为被申请人的调解案件。</translation>
    </message>
    <message>
        <source>Held on</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>No outreach session has been held here yet.</source>
        <translation>暂未到该单位开展走访服务。</translation>
    </message>
</context>
<context>
    <name>WorkplacesTab</name>
    <message>
        <source>All workplaces</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <source>25 or more employees without a union</source>
        <translation>25人以上未建会</translation>
    </message>
    <message>
        <source>Collective contract expiring within 60 days</source>
        <translation>集体合同60日内到期</translation>
    </message>
    <message>
        <source>Workers&apos; congress overdue</source>
        <translation>职代会逾期未开</translation>
    </message>
    <message>
        <source>Search by name, pinyin or initials</source>
        <translation>按名称、拼音或拼音首字母搜索</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>搜索(&amp;S)：</translation>
    </message>
    <message>
        <source>B&amp;uilding:</source>
        <translation>楼宇(&amp;U)：</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Uni&amp;on:</source>
        <translation>建会状态(&amp;O)：</translation>
    </message>
    <message>
        <source>Onl&amp;y:</source>
        <translation>仅显示(&amp;Y)：</translation>
    </message>
    <message>
        <source>Inclu&amp;de deactivated</source>
        <translation>包括已停用单位(&amp;D)</translation>
    </message>
    <message numerus="yes">
        <source>%n workplace(s)</source>
        <translation>
            <numerusform>共%n个单位</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;New workplace…</source>
        <translation>新建单位(&amp;N)…</translation>
    </message>
    <message>
        <source>Buildin&amp;gs…</source>
        <translation>楼宇管理(&amp;G)…</translation>
    </message>
    <message>
        <source>Dea&amp;ctivate</source>
        <translation>停用(&amp;C)</translation>
    </message>
    <message>
        <source>No longer offer this workplace; records that name it keep it</source>
        <translation>不再提供该单位供选择；已引用它的记录保持不变</translation>
    </message>
    <message>
        <source>Rea&amp;ctivate</source>
        <translation>重新启用(&amp;C)</translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation>删除(&amp;L)…</translation>
    </message>
    <message>
        <source>Delete a workplace entered by mistake; one in use is deactivated</source>
        <translation>删除误录入的单位；已被使用的单位将改为停用</translation>
    </message>
    <message>
        <source>No workplace matches these filters: change or clear them.</source>
        <translation>没有符合筛选条件的单位：请修改或清除筛选条件。</translation>
    </message>
    <message>
        <source>No workplaces on file yet: add one with New workplace.</source>
        <translation>暂无单位：请用“新建单位”添加。</translation>
    </message>
    <message>
        <source>{name} is offered again.</source>
        <translation>{name}已重新启用，可再次选择。</translation>
    </message>
    <message>
        <source>{name} is deactivated: no longer offered, and kept on the records that name it.</source>
        <translation>{name}已停用：不再供选择，已引用它的记录保持不变。</translation>
    </message>
    <message>
        <source>Deactivate {name} instead?</source>
        <translation>改为停用{name}？</translation>
    </message>
    <message>
        <source>{name} was deleted.</source>
        <translation>{name}已删除。</translation>
    </message>
</context>
<context>
    <name>_ContractsBase</name>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>签订方</translation>
    </message>
    <message>
        <source>Wage increase</source>
        <translation>工资增幅</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>覆盖职工</translation>
    </message>
    <message>
        <source>Workplaces covered</source>
        <translation>覆盖单位</translation>
    </message>
    <message>
        <source>Renewal… (&amp;J)</source>
        <translation>续签(&amp;J)…</translation>
    </message>
    <message>
        <source>Correct contract… (&amp;X)</source>
        <translation>更正合同(&amp;X)…</translation>
    </message>
    <message>
        <source>This contract has already been renewed.</source>
        <translation>该合同已续签。</translation>
    </message>
</context>
<context>
    <name>_Section</name>
    <message>
        <source>Your account may not record union work.</source>
        <translation>您的账户无权登记工会工作记录。</translation>
    </message>
</context>
</TS>
