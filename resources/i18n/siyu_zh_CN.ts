<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdjustPointsDialog</name>
    <message>
        <source>Adjust points</source>
        <translation>调整积分</translation>
    </message>
    <message>
        <source>e.g. compensation for a late parcel</source>
        <translation>例如：发货延迟补偿</translation>
    </message>
    <message>
        <source>Points (+ to give, − to take)</source>
        <translation>积分（正数为增加，负数为扣减）</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Balance now: %1 points</source>
        <translation>当前积分：%1</translation>
    </message>
    <message>
        <source>Enter a number of points other than zero.</source>
        <translation>请输入不为零的积分数。</translation>
    </message>
    <message>
        <source>An adjustment needs a reason; it is kept in the ledger.</source>
        <translation>调整积分需要填写原因，原因会记入积分明细。</translation>
    </message>
    <message>
        <source>The customer has only %1 points.</source>
        <translation>该客户只有 %1 积分。</translation>
    </message>
</context>
<context>
    <name>Analytics</name>
    <message>
        <source>Potential</source>
        <translation>潜在客户</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新客</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>活跃</translation>
    </message>
    <message>
        <source>Loyal</source>
        <translation>忠诚</translation>
    </message>
    <message>
        <source>Dormant</source>
        <translation>沉睡</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>流失</translation>
    </message>
    <message>
        <source>Champions</source>
        <translation>重要价值客户</translation>
    </message>
    <message>
        <source>Loyal customers</source>
        <translation>忠诚客户</translation>
    </message>
    <message>
        <source>Potential loyalists</source>
        <translation>潜力忠诚客户</translation>
    </message>
    <message>
        <source>New customers</source>
        <translation>新客户</translation>
    </message>
    <message>
        <source>Promising</source>
        <translation>有潜力客户</translation>
    </message>
    <message>
        <source>Need attention</source>
        <translation>需要关注</translation>
    </message>
    <message>
        <source>About to sleep</source>
        <translation>即将沉睡</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>流失风险</translation>
    </message>
    <message>
        <source>Cannot lose them</source>
        <translation>不能失去的客户</translation>
    </message>
    <message>
        <source>Hibernating</source>
        <translation>休眠客户</translation>
    </message>
    <message>
        <source>Lost customers</source>
        <translation>已流失客户</translation>
    </message>
    <message>
        <source>Scores are computed after the next import.</source>
        <translation>评分将在下次导入后计算。</translation>
    </message>
    <message>
        <source>automatic: fifths of the shop&apos;s distinct values</source>
        <translation>自动：按本店不同取值五等分</translation>
    </message>
    <message>
        <source>set by you</source>
        <translation>由您设定</translation>
    </message>
    <message>
        <source>set in the metric settings</source>
        <translation>在指标设置中设定</translation>
    </message>
    <message>
        <source>R: %1 days since the last order → score %2 (scores: %3, otherwise 1; %4)</source>
        <translation>R：距上次下单 %1 天 → %2 分（分档：%3，其余 1 分；%4）</translation>
    </message>
    <message>
        <source>F: %1 orders in the last %5 days → score %2 (scores: %3, otherwise 1; %4)</source>
        <translation>F：近 %5 天下单 %1 次 → %2 分（分档：%3，其余 1 分；%4）</translation>
    </message>
    <message>
        <source>M: %1 spent in the last %5 days → score %2 (scores: %3, otherwise 1; %4)</source>
        <translation>M：近 %5 天消费 %1 → %2 分（分档：%3，其余 1 分；%4）</translation>
    </message>
</context>
<context>
    <name>ChartWidget</name>
    <message>
        <source>Save as PNG…</source>
        <translation>另存为 PNG…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>Save chart</source>
        <translation>保存图表</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
</context>
<context>
    <name>ConditionRow</name>
    <message>
        <source>Remove this condition</source>
        <translation>删除此条件</translation>
    </message>
    <message>
        <source>2026-01-31 or 90 days ago</source>
        <translation>2026-01-31 或 90 days ago（90 天前）</translation>
    </message>
    <message>
        <source>yuan</source>
        <translation>元</translation>
    </message>
    <message>
        <source>number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>separate several with commas</source>
        <translation>多个值用逗号分隔</translation>
    </message>
</context>
<context>
    <name>CouponAudiences</name>
    <message>
        <source>A saved segment</source>
        <translation>已保存的客户分群</translation>
    </message>
    <message>
        <source>A tier and above</source>
        <translation>指定等级及以上</translation>
    </message>
    <message>
        <source>New customers only</source>
        <translation>仅限新客户</translation>
    </message>
    <message>
        <source>Members only</source>
        <translation>仅限会员</translation>
    </message>
</context>
<context>
    <name>CouponKinds</name>
    <message>
        <source>Spend X save Y (满减)</source>
        <translation>满减券</translation>
    </message>
    <message>
        <source>Fixed amount, no threshold (无门槛)</source>
        <translation>无门槛券</translation>
    </message>
    <message>
        <source>Percent off (折扣)</source>
        <translation>折扣券</translation>
    </message>
    <message>
        <source>Gift (赠品)</source>
        <translation>赠品券</translation>
    </message>
</context>
<context>
    <name>CouponsPage</name>
    <message>
        <source>Coupons</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Create the coupon on the platform, record it here, then issue it: redemptions are matched from the orders you import later.</source>
        <translation>先在平台后台创建优惠券，再在这里登记并发放；之后导入的订单会自动匹配核销情况。</translation>
    </message>
    <message>
        <source>Save plan and issue</source>
        <translation>保存方案并发放</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>发券方案</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>已发放</translation>
    </message>
    <message>
        <source>Redeemed</source>
        <translation>已核销</translation>
    </message>
    <message>
        <source>Redemption rate</source>
        <translation>核销率</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>带动销售额</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>as the platform&apos;s order export names the coupon</source>
        <translation>与平台订单导出中的优惠券名称一致</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>使用门槛</translation>
    </message>
    <message>
        <source>Percent (88 = 8.8折)</source>
        <translation>折扣（88 即 8.8折）</translation>
    </message>
    <message>
        <source>Gift</source>
        <translation>赠品</translation>
    </message>
    <message>
        <source>Valid for (days after issue)</source>
        <translation>有效期（发放后天数）</translation>
    </message>
    <message>
        <source>Per person</source>
        <translation>每人限领</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>发放总量</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>发放对象</translation>
    </message>
    <message>
        <source>Segment / tier</source>
        <translation>分群 / 等级</translation>
    </message>
    <message>
        <source>Coupon name on the platform</source>
        <translation>平台上的优惠券名称</translation>
    </message>
    <message>
        <source>{name} ({size})</source>
        <translation>{name}（{size}）</translation>
    </message>
    <message>
        <source>Issued {issued}; skipped: {dnc} do-not-contact, {limit} at their limit, {total} over total.</source>
        <translation>已发放 {issued} 张；跳过：{dnc} 位设为免打扰，{limit} 位已达领取上限，{total} 位超出发放总量。</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>The app hit an unexpected error. Your data is safe: every import is one transaction. Please send this log file to support:
%1</source>
        <translation>程序遇到了意外错误。您的数据是安全的：每次导入都是一个完整事务。请把这个日志文件发给技术支持：
%1</translation>
    </message>
</context>
<context>
    <name>CustomerDetailPanel</name>
    <message>
        <source>Valid orders</source>
        <translation>有效订单</translation>
    </message>
    <message>
        <source>Net spend</source>
        <translation>净消费金额</translation>
    </message>
    <message>
        <source>Average order</source>
        <translation>客单价</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>退款金额</translation>
    </message>
    <message>
        <source>First order</source>
        <translation>首次下单</translation>
    </message>
    <message>
        <source>Last order</source>
        <translation>最近下单</translation>
    </message>
    <message>
        <source>Split off…</source>
        <translation>拆分…</translation>
    </message>
    <message>
        <source>Move the selected identity and its orders to a new customer</source>
        <translation>把选中的身份及其订单移到一个新客户</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>实付金额</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Add a note about this customer</source>
        <translation>为这位客户添加备注</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Accounts and phone numbers that name this customer.</source>
        <translation>属于这位客户的账号和手机号。</translation>
    </message>
    <message>
        <source>Identities</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Lifecycle layer</source>
        <translation>生命周期分层</translation>
    </message>
    <message>
        <source>RFM segment (R-F-M)</source>
        <translation>RFM 分群（R-F-M）</translation>
    </message>
    <message>
        <source>Predicted 365-day value</source>
        <translation>预测 365 天价值</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>RFM and value</source>
        <translation>RFM 与价值</translation>
    </message>
    <message>
        <source>Membership</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>No customer selected</source>
        <translation>未选择客户</translation>
    </message>
    <message>
        <source>Choose a customer in the list to see their orders and notes.</source>
        <translation>在列表中选择一位客户，查看其订单和备注。</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>（无名称）</translation>
    </message>
    <message>
        <source>%1 (of %2 in all)</source>
        <translation>%1（共 %2）</translation>
    </message>
    <message>
        <source>Chance still a customer: %1 · expected orders in 365 days: %2</source>
        <translation>仍为活跃客户的概率：%1 · 预计 365 天内下单：%2 次</translation>
    </message>
    <message>
        <source>As of %1.</source>
        <translation>统计截至 %1。</translation>
    </message>
    <message>
        <source>Orders (%1)</source>
        <translation>订单（%1）</translation>
    </message>
    <message>
        <source>Identities (%1)</source>
        <translation>身份（%1）</translation>
    </message>
    <message>
        <source>Notes (%1)</source>
        <translation>备注（%1）</translation>
    </message>
    <message>
        <source>Split off</source>
        <translation>拆分</translation>
    </message>
    <message>
        <source>Select an identity first.</source>
        <translation>请先选择一个身份。</translation>
    </message>
    <message>
        <source>Move “%1” and the orders it names to a new customer?</source>
        <translation>把“%1”及其相关订单移到一个新客户？</translation>
    </message>
</context>
<context>
    <name>CustomerListActions</name>
    <message>
        <source>Import customer list…</source>
        <translation>导入客户名单…</translation>
    </message>
    <message>
        <source>Save template…</source>
        <translation>保存模板…</translation>
    </message>
    <message>
        <source>A and I need customer lists: import a follower list (A) or a member, favourite or add-to-cart list (I).</source>
        <translation>A 和 I 需要客户名单：导入粉丝名单（A），或会员、收藏、加购名单（I）。</translation>
    </message>
    <message>
        <source>A needs a follower list: import one to see it.</source>
        <translation>A 需要粉丝名单：导入后即可查看。</translation>
    </message>
    <message>
        <source>I needs a member, favourite or add-to-cart list: import one to see it.</source>
        <translation>I 需要会员、收藏或加购名单：导入后即可查看。</translation>
    </message>
    <message>
        <source>A from follower lists; I from member, favourite and add-to-cart lists.</source>
        <translation>A 来自粉丝名单；I 来自会员、收藏和加购名单。</translation>
    </message>
</context>
<context>
    <name>CustomerListDialog</name>
    <message>
        <source>Followers (A: aware)</source>
        <translation>粉丝（A 认知）</translation>
    </message>
    <message>
        <source>Members (I: interested)</source>
        <translation>会员（I 兴趣）</translation>
    </message>
    <message>
        <source>Favourites (I: interested)</source>
        <translation>收藏（I 兴趣）</translation>
    </message>
    <message>
        <source>Add-to-cart (I: interested)</source>
        <translation>加购（I 兴趣）</translation>
    </message>
    <message>
        <source>Save the template</source>
        <translation>保存模板</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Template saved: %1</source>
        <translation>模板已保存：%1</translation>
    </message>
    <message>
        <source>Import a customer list</source>
        <translation>导入客户名单</translation>
    </message>
    <message>
        <source>An xlsx, xls or csv file</source>
        <translation>xlsx、xls 或 csv 文件</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Save template…</source>
        <translation>保存模板…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>List of</source>
        <translation>名单类型</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>One row per person: a buyer id, a nickname or a full mobile. People the shop does not know yet become potential customers.</source>
        <translation>每行一人：买家ID、昵称或完整手机号。店铺尚不认识的人将成为潜在客户。</translation>
    </message>
    <message>
        <source>Choose a customer list</source>
        <translation>选择客户名单</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xls *.csv)</source>
        <translation>表格文件 (*.xlsx *.xls *.csv)</translation>
    </message>
    <message>
        <source>Reading the list…</source>
        <translation>正在读取名单…</translation>
    </message>
    <message>
        <source>Matching the people to your customers…</source>
        <translation>正在与现有客户匹配…</translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation>未导入任何内容：%1</translation>
    </message>
    <message>
        <source>Rows read: %1</source>
        <translation>读取行数：%1</translation>
    </message>
    <message>
        <source>Matched to customers you have: %1</source>
        <translation>匹配到现有客户：%1</translation>
    </message>
    <message>
        <source>New to the shop (now potential customers): %1</source>
        <translation>店铺新客（现为潜在客户）：%1</translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation>拒绝：%1</translation>
    </message>
    <message>
        <source>  – %1: %2</source>
        <translation>  – %1：%2</translation>
    </message>
    <message>
        <source>Rows naming someone listed already: %1</source>
        <translation>与前面行重复的人：%1</translation>
    </message>
</context>
<context>
    <name>CustomerTableModel</name>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Platforms</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <source>Net spend</source>
        <translation>净消费</translation>
    </message>
    <message>
        <source>Avg. order</source>
        <translation>客单价</translation>
    </message>
    <message>
        <source>First order</source>
        <translation>首次下单</translation>
    </message>
    <message>
        <source>Last order</source>
        <translation>最近下单</translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <source>%1 customers</source>
        <translation>%1 位客户</translation>
    </message>
    <message>
        <source>Name, nickname, buyer ID or last 4 phone digits</source>
        <translation>姓名、昵称、买家 ID 或手机尾号 4 位</translation>
    </message>
    <message>
        <source>All platforms</source>
        <translation>全部平台</translation>
    </message>
    <message>
        <source>Last order between</source>
        <translation>最近下单日期</translation>
    </message>
    <message>
        <source>Merge selected…</source>
        <translation>合并所选…</translation>
    </message>
    <message>
        <source>Select two customers (Ctrl+click) to merge them into one</source>
        <translation>选中两位客户（按住 Ctrl 点击）合并为一位</translation>
    </message>
    <message>
        <source>All customers</source>
        <translation>全部客户</translation>
    </message>
    <message>
        <source>Merge suggestions</source>
        <translation>合并建议</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Select exactly two customers to merge.</source>
        <translation>请正好选中两位客户进行合并。</translation>
    </message>
    <message>
        <source>Merge customer No. %1 into No. %2? Their orders, identities and notes are combined.</source>
        <translation>将客户 %1 号合并到 %2 号？两人的订单、身份和备注将合在一起。</translation>
    </message>
    <message>
        <source>Merge suggestions (%1)</source>
        <translation>合并建议（%1）</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Last 7 days</source>
        <translation>近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>近 30 天</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>近 90 天</translation>
    </message>
    <message>
        <source>Last 365 days</source>
        <translation>近 365 天</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>自定义…</translation>
    </message>
    <message>
        <source>Net sales</source>
        <translation>净销售额</translation>
    </message>
    <message>
        <source>Valid orders</source>
        <translation>有效订单</translation>
    </message>
    <message>
        <source>Buyers</source>
        <translation>购买人数</translation>
    </message>
    <message>
        <source>Average order</source>
        <translation>客单价</translation>
    </message>
    <message>
        <source>New buyers</source>
        <translation>新客</translation>
    </message>
    <message>
        <source>Repurchase rate</source>
        <translation>复购率</translation>
    </message>
    <message>
        <source>Returning buyers</source>
        <translation>老客</translation>
    </message>
    <message>
        <source>Top 20% share</source>
        <translation>前 20% 客户贡献</translation>
    </message>
    <message>
        <source>New and returning buyers</source>
        <translation>新客与老客</translation>
    </message>
    <message>
        <source>Customers per lifecycle layer</source>
        <translation>各生命周期分层人数</translation>
    </message>
    <message>
        <source>Customers per RFM segment</source>
        <translation>各 RFM 分群人数</translation>
    </message>
    <message>
        <source>Customer journey (AIPL)</source>
        <translation>客户链路（AIPL）</translation>
    </message>
    <message>
        <source>Days between a customer&apos;s orders</source>
        <translation>复购间隔天数</translation>
    </message>
    <message>
        <source>Cohort retention</source>
        <translation>同期群留存</translation>
    </message>
    <message>
        <source>Spend concentration</source>
        <translation>销售额集中度</translation>
    </message>
    <message>
        <source>Item return rates</source>
        <translation>商品回购率</translation>
    </message>
    <message>
        <source>Analytics</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>时间段</translation>
    </message>
    <message>
        <source>Metric settings…</source>
        <translation>指标设置…</translation>
    </message>
    <message>
        <source>Last %1 days</source>
        <translation>近 %1 天</translation>
    </message>
    <message>
        <source>No orders yet: import orders or open the demo shop first.</source>
        <translation>还没有订单：请先导入订单或打开示例店铺。</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <source>%1 to %2, compared with %3 to %4</source>
        <translation>%1 至 %2，对比 %3 至 %4</translation>
    </message>
    <message>
        <source>Net sales (yuan)</source>
        <translation>销售额（元）</translation>
    </message>
    <message>
        <source>Months since first order</source>
        <translation>首单后第几个月</translation>
    </message>
    <message>
        <source>First order month</source>
        <translation>首单月份</translation>
    </message>
    <message>
        <source>A aware</source>
        <translation>A 认知</translation>
    </message>
    <message>
        <source>I interested</source>
        <translation>I 兴趣</translation>
    </message>
    <message>
        <source>P purchased</source>
        <translation>P 购买</translation>
    </message>
    <message>
        <source>L loyal</source>
        <translation>L 忠诚</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>No repeat orders yet</source>
        <translation>暂无复购订单</translation>
    </message>
    <message>
        <source>%1 repeat orders; median %2 days</source>
        <translation>复购订单 %1 笔；中位数 %2 天</translation>
    </message>
    <message>
        <source>Days since the customer&apos;s previous order</source>
        <translation>距该客户上一单的天数</translation>
    </message>
    <message>
        <source>Top buyers (%)</source>
        <translation>消费最多的客户占比（%）</translation>
    </message>
    <message>
        <source>Share of net sales (%)</source>
        <translation>销售额占比（%）</translation>
    </message>
    <message>
        <source>top 20% of buyers: %1 of sales</source>
        <translation>前 20% 客户贡献 %1 销售额</translation>
    </message>
    <message>
        <source>First-time buyers who came back (%)</source>
        <translation>首购客户回购比例（%）</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>Order number</source>
        <translation>订单编号</translation>
    </message>
    <message>
        <source>Sub-order number</source>
        <translation>子订单编号</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Buyer ID</source>
        <translation>买家 ID</translation>
    </message>
    <message>
        <source>Buyer nickname</source>
        <translation>买家昵称</translation>
    </message>
    <message>
        <source>Receiver name</source>
        <translation>收货人姓名</translation>
    </message>
    <message>
        <source>Receiver phone</source>
        <translation>收货人手机</translation>
    </message>
    <message>
        <source>Member phone</source>
        <translation>会员手机</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>省份</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>收货地址</translation>
    </message>
    <message>
        <source>Amount paid</source>
        <translation>实付金额</translation>
    </message>
    <message>
        <source>Goods amount</source>
        <translation>商品金额</translation>
    </message>
    <message>
        <source>Shipping</source>
        <translation>运费</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>优惠金额</translation>
    </message>
    <message>
        <source>Total amount</source>
        <translation>订单总额</translation>
    </message>
    <message>
        <source>Refund amount</source>
        <translation>退款金额</translation>
    </message>
    <message>
        <source>Amount to merchant</source>
        <translation>商家实收</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Line amount</source>
        <translation>商品小计</translation>
    </message>
    <message>
        <source>Order status</source>
        <translation>订单状态</translation>
    </message>
    <message>
        <source>Refund status</source>
        <translation>退款状态</translation>
    </message>
    <message>
        <source>After-sale status</source>
        <translation>售后状态</translation>
    </message>
    <message>
        <source>Close reason</source>
        <translation>关闭原因</translation>
    </message>
    <message>
        <source>Created at</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <source>Paid at</source>
        <translation>付款时间</translation>
    </message>
    <message>
        <source>Shipped at</source>
        <translation>发货时间</translation>
    </message>
    <message>
        <source>Finished at</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <source>Item title</source>
        <translation>商品标题</translation>
    </message>
    <message>
        <source>SKU / options</source>
        <translation>SKU / 规格</translation>
    </message>
    <message>
        <source>Item code</source>
        <translation>商家编码</translation>
    </message>
    <message>
        <source>Item ID</source>
        <translation>商品 ID</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Buyer note</source>
        <translation>买家留言</translation>
    </message>
    <message>
        <source>Seller note</source>
        <translation>卖家备注</translation>
    </message>
    <message>
        <source>Member?</source>
        <translation>是否会员</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Imported at</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>未导入</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Undo this import…</source>
        <translation>撤销这次导入…</translation>
    </message>
    <message>
        <source>Undo removes the orders an import added and puts back what it changed. A backup is made first.</source>
        <translation>撤销会删除这次导入新增的订单，并还原它改动的内容。撤销前会先自动备份。</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>Imported</source>
        <comment>state of an import</comment>
        <translation>已导入</translation>
    </message>
    <message>
        <source>Undo import</source>
        <translation>撤销导入</translation>
    </message>
    <message>
        <source>Undo the import of %1? Its %2 new orders are removed.</source>
        <translation>撤销“%1”的导入？它新增的 %2 笔订单将被删除。</translation>
    </message>
</context>
<context>
    <name>Identities</name>
    <message>
        <source>Buyer account</source>
        <translation>买家账号</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>收货人</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>History</source>
        <translation>导入记录</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Reading the files…</source>
        <translation>正在读取文件…</translation>
    </message>
</context>
<context>
    <name>KpiCard</name>
    <message>
        <source>no comparison</source>
        <translation>无可对比数据</translation>
    </message>
    <message>
        <source>%1 pts</source>
        <translation>%1 个百分点</translation>
    </message>
    <message>
        <source>previous period: 0</source>
        <translation>上一周期为 0</translation>
    </message>
    <message>
        <source>%1 vs previous period</source>
        <translation>较上一周期 %1</translation>
    </message>
</context>
<context>
    <name>MainActionsMixin</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Import orders…</source>
        <translation>导入订单(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Restore a backup…</source>
        <translation>恢复备份(&amp;R)…</translation>
    </message>
    <message>
        <source>Open &amp;data folder</source>
        <translation>打开数据文件夹(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About 私域掌柜</source>
        <translation>关于私域掌柜(&amp;A)</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Backup saved: %1</source>
        <translation>备份已保存：%1</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>There are no backups yet.</source>
        <translation>还没有任何备份。</translation>
    </message>
    <message>
        <source>Replace everything in the store with this backup:</source>
        <translation>用这份备份替换当前店铺数据的全部内容：</translation>
    </message>
    <message>
        <source>Move the store</source>
        <translation>移动店铺数据</translation>
    </message>
    <message>
        <source>Open a store</source>
        <translation>打开店铺数据</translation>
    </message>
    <message>
        <source>The store %1 is being used by another window.</source>
        <translation>店铺数据 %1 正在被另一个窗口使用。</translation>
    </message>
    <message>
        <source>About 私域掌柜</source>
        <translation>关于私域掌柜</translation>
    </message>
    <message>
        <source>&lt;h3&gt;私域掌柜 %1&lt;/h3&gt;&lt;p&gt;Customer operations for one-person online shops: orders from every platform, one list of customers, on your own computer.&lt;/p&gt;&lt;p&gt;Data folder: %2&lt;/p&gt;&lt;p&gt;Chinese text uses Noto Sans CJK SC under the SIL Open Font License 1.1.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;私域掌柜 %1&lt;/h3&gt;&lt;p&gt;为个人网店打造的客户运营工具：各平台订单汇总成一份客户名单，数据全部保存在您自己的电脑上。&lt;/p&gt;&lt;p&gt;数据文件夹：%2&lt;/p&gt;&lt;p&gt;中文字体使用 Noto Sans CJK SC，遵循 SIL 开源字体许可证 1.1。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Overview</source>
        <translation>总览</translation>
    </message>
    <message>
        <source>Analytics</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>分群</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Coupons</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Opening the store…</source>
        <translation>正在打开店铺数据…</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未导入</translation>
    </message>
    <message>
        <source>Store %1 · last import %2</source>
        <translation>店铺数据 %1 · 最近导入 %2</translation>
    </message>
</context>
<context>
    <name>MappingEditor</name>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Column in your file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <source>First value</source>
        <translation>首行数值</translation>
    </message>
    <message>
        <source>(not in this file)</source>
        <translation>（文件中没有）</translation>
    </message>
    <message>
        <source>(column %1)</source>
        <translation>（第 %1 列）</translation>
    </message>
</context>
<context>
    <name>MemberCardView</name>
    <message>
        <source>Enrol as member</source>
        <translation>设为会员</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>会员等级</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation>储值余额</translation>
    </message>
    <message>
        <source>Mark coupon used</source>
        <translation>标记为已核销</translation>
    </message>
    <message>
        <source>Coupons held</source>
        <translation>持有的优惠券</translation>
    </message>
    <message>
        <source>Tier history</source>
        <translation>等级变动记录</translation>
    </message>
    <message>
        <source>Adjust points…</source>
        <translation>调整积分…</translation>
    </message>
    <message>
        <source>Redeem points…</source>
        <translation>兑换积分…</translation>
    </message>
    <message>
        <source>Points statement…</source>
        <translation>积分对账单…</translation>
    </message>
    <message>
        <source>Save points statement as PDF…</source>
        <translation>积分对账单另存为 PDF…</translation>
    </message>
    <message>
        <source>Top up…</source>
        <translation>充值…</translation>
    </message>
    <message>
        <source>Spend…</source>
        <translation>消费…</translation>
    </message>
    <message>
        <source>Refund spend…</source>
        <translation>消费退回…</translation>
    </message>
    <message>
        <source>Stored-value statement…</source>
        <translation>储值对账单…</translation>
    </message>
    <message>
        <source>Save stored-value statement as PDF…</source>
        <translation>储值对账单另存为 PDF…</translation>
    </message>
    <message>
        <source>Member since %1</source>
        <translation>%1 入会</translation>
    </message>
    <message>
        <source>Not a member</source>
        <translation>尚未入会</translation>
    </message>
    <message>
        <source>No tier</source>
        <translation>无等级</translation>
    </message>
    <message>
        <source>%1% of price</source>
        <translation>原价的%1%</translation>
    </message>
    <message>
        <source>used %1</source>
        <translation>%1 已使用</translation>
    </message>
    <message>
        <source>valid until %1</source>
        <translation>有效期至 %1</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>No coupons</source>
        <translation>没有优惠券</translation>
    </message>
    <message>
        <source>upgrade at import</source>
        <translation>导入时升级</translation>
    </message>
    <message>
        <source>import undone</source>
        <translation>导入已撤销</translation>
    </message>
    <message>
        <source>evaluation</source>
        <translation>等级评定</translation>
    </message>
    <message>
        <source>set by hand: %1</source>
        <translation>手动设置：%1</translation>
    </message>
    <message>
        <source>no tier</source>
        <translation>无等级</translation>
    </message>
    <message>
        <source>No tier changes yet</source>
        <translation>暂无等级变动</translation>
    </message>
    <message>
        <source>Membership</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Mark the coupon %1 as used today? Its plan counts it as redeemed.</source>
        <translation>将优惠券 %1 标记为今天已使用？该券所属方案会把它计为已核销。</translation>
    </message>
    <message>
        <source>Points statement %1</source>
        <translation>积分对账单 %1</translation>
    </message>
    <message>
        <source>Stored-value statement %1</source>
        <translation>储值对账单 %1</translation>
    </message>
</context>
<context>
    <name>MemberExportDialog</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Platforms</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Valid orders</source>
        <translation>有效订单</translation>
    </message>
    <message>
        <source>Net spend (yuan)</source>
        <translation>净消费（元）</translation>
    </message>
    <message>
        <source>Last order</source>
        <translation>最近下单</translation>
    </message>
    <message>
        <source>Lifecycle layer</source>
        <translation>生命周期分层</translation>
    </message>
    <message>
        <source>RFM segment</source>
        <translation>RFM 分群</translation>
    </message>
    <message>
        <source>R (days since last order)</source>
        <translation>R（距上次下单天数）</translation>
    </message>
    <message>
        <source>F (orders in the RFM window)</source>
        <translation>F（RFM 窗口内订单数）</translation>
    </message>
    <message>
        <source>M (spend in the RFM window, yuan)</source>
        <translation>M（RFM 窗口内消费，元）</translation>
    </message>
    <message>
        <source>R score</source>
        <translation>R 分</translation>
    </message>
    <message>
        <source>F score</source>
        <translation>F 分</translation>
    </message>
    <message>
        <source>M score</source>
        <translation>M 分</translation>
    </message>
    <message>
        <source>Predicted 365-day value (yuan)</source>
        <translation>预测 365 天价值（元）</translation>
    </message>
    <message>
        <source>Save members as xlsx</source>
        <translation>导出成员为 xlsx</translation>
    </message>
    <message>
        <source>Show phone numbers in full (otherwise 138****1234)</source>
        <translation>显示完整手机号（否则显示为 138****1234）</translation>
    </message>
    <message>
        <source>Columns to save:</source>
        <translation>要导出的列：</translation>
    </message>
    <message>
        <source>Save members</source>
        <translation>导出成员</translation>
    </message>
    <message>
        <source>segment members.xlsx</source>
        <translation>分群成员.xlsx</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>MemberListsPanel</name>
    <message>
        <source>Import member list…</source>
        <translation>导入会员名单…</translation>
    </message>
    <message>
        <source>Save template…</source>
        <translation>保存模板…</translation>
    </message>
    <message>
        <source>The list comes from</source>
        <translation>名单来源平台</translation>
    </message>
    <message>
        <source>A member list from a platform&apos;s member centre, or the template filled in by hand: buyer ID, nickname or mobile, and the date they joined. Everyone on it is enrolled. Buyer IDs and nicknames are matched on the platform you choose.</source>
        <translation>可导入平台会员中心导出的会员名单，或手工填写的模板：买家ID、昵称或手机号，以及入会日期。名单上的每个人都会成为会员。买家ID和昵称按所选平台匹配。</translation>
    </message>
    <message>
        <source>Import member list</source>
        <translation>导入会员名单</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xls *.csv)</source>
        <translation>表格文件 (*.xlsx *.xls *.csv)</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>{rows} rows: {enrolled} newly enrolled, {already} already members, {created} new to the shop, {skipped} skipped.</source>
        <translation>共 {rows} 行：新入会 {enrolled} 人，已是会员 {already} 人，新客户 {created} 人，跳过 {skipped} 行。</translation>
    </message>
    <message>
        <source>Save template</source>
        <translation>保存模板</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Template saved: %1</source>
        <translation>模板已保存：%1</translation>
    </message>
    <message>
        <source>Member lists</source>
        <translation>会员名单</translation>
    </message>
</context>
<context>
    <name>MemberStatements</name>
    <message>
        <source>Earned</source>
        <translation>消费获得</translation>
    </message>
    <message>
        <source>Reversed (refund)</source>
        <translation>退款扣回</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Order removed</source>
        <translation>订单已移除</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>手动调整</translation>
    </message>
    <message>
        <source>Redeemed</source>
        <translation>兑换</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>过期</translation>
    </message>
    <message>
        <source>Top-up</source>
        <translation>充值</translation>
    </message>
    <message>
        <source>Top-up bonus</source>
        <translation>充值赠送</translation>
    </message>
    <message>
        <source>Spent</source>
        <translation>消费</translation>
    </message>
    <message>
        <source>Refund of spending</source>
        <translation>消费退回</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>Closing balance</source>
        <translation>期末余额</translation>
    </message>
    <message>
        <source>Customer: %1</source>
        <translation>客户：%1</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Order or reason</source>
        <translation>订单或原因</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Points statement</source>
        <translation>积分对账单</translation>
    </message>
    <message>
        <source>%1 (ordered %2)</source>
        <translation>%1（%2 下单）</translation>
    </message>
    <message>
        <source>Printed on %1</source>
        <translation>打印日期：%1</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>备注/凭证</translation>
    </message>
    <message>
        <source>Stored-value statement</source>
        <translation>储值对账单</translation>
    </message>
    <message>
        <source>refund of an earlier spending</source>
        <translation>退回此前的一笔消费</translation>
    </message>
</context>
<context>
    <name>MembersPage</name>
    <message>
        <source>Members</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Tiers</source>
        <translation>会员等级</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Member lists</source>
        <translation>会员名单</translation>
    </message>
    <message>
        <source>Basis: spend (thresholds in yuan) or orders (a count). No window: lifetime.</source>
        <translation>依据：消费金额（门槛单位为元）或订单数（笔数）。不设统计天数即按累计计算。</translation>
    </message>
    <message>
        <source>Upgrades happen at import; downgrades only when you run the evaluation.</source>
        <translation>导入订单时自动升级；只有手动执行等级评定时才会降级。</translation>
    </message>
    <message>
        <source>Evaluation preview</source>
        <translation>评定预览</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前等级</translation>
    </message>
    <message>
        <source>After</source>
        <translation>评定后</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>变动</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排序</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Basis</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>升级门槛</translation>
    </message>
    <message>
        <source>Keep threshold</source>
        <translation>保级门槛</translation>
    </message>
    <message>
        <source>Window (days)</source>
        <translation>统计天数</translation>
    </message>
    <message>
        <source>Discount %</source>
        <translation>折扣 %</translation>
    </message>
    <message>
        <source>Points ×%</source>
        <translation>积分倍率 %</translation>
    </message>
    <message>
        <source>Benefits</source>
        <translation>会员权益</translation>
    </message>
    <message>
        <source>Add tier</source>
        <translation>添加等级</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <source>Save tiers</source>
        <translation>保存等级</translation>
    </message>
    <message>
        <source>Evaluate as of</source>
        <translation>评定日期</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Run evaluation…</source>
        <translation>执行等级评定…</translation>
    </message>
    <message>
        <source>no tier</source>
        <translation>无等级</translation>
    </message>
    <message>
        <source>{members} members of {customers} customers. Points outstanding: {points}. Stored value outstanding: {value}.</source>
        <translation>{customers} 位客户中有 {members} 位会员。未使用积分：{points}。储值余额：{value}。</translation>
    </message>
    <message>
        <source>New tier</source>
        <translation>新等级</translation>
    </message>
    <message>
        <source>Spend (yuan)</source>
        <translation>消费金额（元）</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <source>Every number in the tier table must be a number.</source>
        <translation>等级表中的数值栏必须填写数字。</translation>
    </message>
    <message>
        <source>Run evaluation</source>
        <translation>执行等级评定</translation>
    </message>
    <message>
        <source>Move every member to the tier the evaluation gives? An import never undoes a downgrade.</source>
        <translation>按评定结果调整所有会员的等级？之后的导入不会撤销降级。</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>升级</translation>
    </message>
    <message>
        <source>Stays</source>
        <translation>不变</translation>
    </message>
    <message>
        <source>Keeps (保级)</source>
        <translation>保级</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>降级</translation>
    </message>
    <message>
        <source>{value} reaches the keep threshold {needed}</source>
        <translation>{value} 达到保级门槛 {needed}</translation>
    </message>
    <message>
        <source>{value} is below the keep threshold {needed}</source>
        <translation>{value} 低于保级门槛 {needed}</translation>
    </message>
    <message>
        <source>{value} reaches {needed}</source>
        <translation>{value} 达到 {needed}</translation>
    </message>
    <message>
        <source>{up} up, {keep} keep their tier, {down} down</source>
        <translation>{up} 位升级，{keep} 位保级，{down} 位降级</translation>
    </message>
</context>
<context>
    <name>MergeQueue</name>
    <message>
        <source>No merge suggestions. When two customers share a receiver name, phone ending and city, they appear here for you to decide.</source>
        <translation>暂无合并建议。当两位客户的收货人姓名、手机尾号和城市都相同时，会出现在这里由您决定。</translation>
    </message>
    <message>
        <source>Maybe the same person</source>
        <translation>可能是同一个人</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>The file {file} does not exist.</source>
        <translation>文件 {file} 不存在。</translation>
    </message>
    <message>
        <source>{file} is not a spreadsheet (xlsx, xls or csv) the app can read.</source>
        <translation>{file} 不是本程序能读取的表格文件（xlsx、xls 或 csv）。</translation>
    </message>
    <message>
        <source>{file} is damaged or incomplete and cannot be opened ({detail}).</source>
        <translation>{file} 已损坏或不完整，无法打开（{detail}）。</translation>
    </message>
    <message>
        <source>{file} has no rows to import.</source>
        <translation>{file} 中没有可导入的行。</translation>
    </message>
    <message>
        <source>No order header was found in the first 20 rows of {file}. Is it an order export?</source>
        <translation>在 {file} 的前 20 行中没有找到订单表头。这是订单导出文件吗？</translation>
    </message>
    <message>
        <source>{file} looks like a {platform} export but the column &quot;{column}&quot; is missing.</source>
        <translation>{file} 看起来是{platform}的导出文件，但缺少“{column}”列。</translation>
    </message>
    <message>
        <source>Unknown platform &quot;{platform}&quot;.</source>
        <translation>未知平台“{platform}”。</translation>
    </message>
    <message>
        <source>The import was cancelled; nothing was changed.</source>
        <translation>导入已取消，数据没有任何改动。</translation>
    </message>
    <message>
        <source>There is no import batch {batch}.</source>
        <translation>不存在第 {batch} 批导入。</translation>
    </message>
    <message>
        <source>Import batch {batch} was already undone.</source>
        <translation>第 {batch} 批导入已经撤销过了。</translation>
    </message>
    <message>
        <source>Import batch {batch} cannot be undone before the later batch {later} that changed the same orders.</source>
        <translation>第 {batch} 批导入无法撤销：之后的第 {later} 批导入改动了相同的订单，请先撤销那一批。</translation>
    </message>
    <message>
        <source>The store {path} was saved by a newer version of the app (schema {revision}); install that version to open it. Nothing was changed.</source>
        <translation>店铺数据 {path} 由更新版本的程序保存（数据结构 {revision}），请安装该版本后再打开。数据没有任何改动。</translation>
    </message>
    <message>
        <source>The store {path} is being used by another window.</source>
        <translation>店铺数据 {path} 正在被另一个窗口使用。</translation>
    </message>
    <message>
        <source>The order number is empty.</source>
        <translation>订单编号为空。</translation>
    </message>
    <message>
        <source>The order number &quot;{value}&quot; was turned into scientific notation by Excel; its digits are lost. Export the file again and import it without opening it in Excel.</source>
        <translation>订单编号“{value}”被 Excel 转成了科学计数法，数字已丢失。请重新导出文件，不要用 Excel 打开，直接导入。</translation>
    </message>
    <message>
        <source>The order number &quot;{value}&quot; is not valid.</source>
        <translation>订单编号“{value}”无效。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not an amount of money.</source>
        <translation>“{value}”不是有效的金额。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a date.</source>
        <translation>“{value}”不是有效的日期。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a quantity.</source>
        <translation>“{value}”不是有效的数量。</translation>
    </message>
    <message>
        <source>Order {value} is not in the store yet: import the order report before the item report.</source>
        <translation>订单 {value} 尚未导入：请先导入订单报表，再导入宝贝报表。</translation>
    </message>
    <message>
        <source>The status &quot;{value}&quot; is unknown; the order is kept but not counted until it is confirmed.</source>
        <translation>状态“{value}”无法识别；订单已保留，但在确认前不计入统计。</translation>
    </message>
    <message>
        <source>There are no orders yet.</source>
        <translation>还没有订单。</translation>
    </message>
    <message>
        <source>Predicted value needs at least {need} customers who bought again; the shop has {have} so far.</source>
        <translation>预测价值至少需要 {need} 位复购客户，目前店铺只有 {have} 位。</translation>
    </message>
    <message>
        <source>Predicted value needs at least {need} days of orders; the shop has {have} so far.</source>
        <translation>预测价值至少需要 {need} 天的订单，目前店铺只有 {have} 天。</translation>
    </message>
    <message>
        <source>The purchase model could not be fitted to this shop&apos;s orders ({detail}).</source>
        <translation>无法根据本店订单建立购买模型（{detail}）。</translation>
    </message>
    <message>
        <source>No buyer id, nickname or mobile column was found in the first rows of the list.</source>
        <translation>名单的前几行中没有找到买家 ID、昵称或手机号列。</translation>
    </message>
    <message>
        <source>Unknown customer list kind &quot;{kind}&quot;.</source>
        <translation>未知的客户名单类型“{kind}”。</translation>
    </message>
    <message>
        <source>The segment rule is not valid: {detail}.</source>
        <translation>分群规则无效：{detail}。</translation>
    </message>
    <message>
        <source>There is no customer {customer}.</source>
        <translation>不存在客户 {customer}。</translation>
    </message>
    <message>
        <source>The customer has {balance} points; {points} cannot be taken.</source>
        <translation>该客户只有 {balance} 积分，无法扣除 {points} 积分。</translation>
    </message>
    <message>
        <source>The number of points must be more than zero.</source>
        <translation>积分数必须大于零。</translation>
    </message>
    <message>
        <source>A manual adjustment needs a reason.</source>
        <translation>手动调整需要填写原因。</translation>
    </message>
    <message>
        <source>The amount must be more than zero.</source>
        <translation>金额必须大于零。</translation>
    </message>
    <message>
        <source>The stored-value balance is {balance} fen; {amount} fen cannot be spent.</source>
        <translation>储值余额为 {balance} 分，无法消费 {amount} 分。</translation>
    </message>
    <message>
        <source>At most {left} fen of this spending can still be refunded.</source>
        <translation>这笔消费最多还能退 {left} 分。</translation>
    </message>
    <message>
        <source>There is no stored-value spending {entry}.</source>
        <translation>不存在储值消费记录 {entry}。</translation>
    </message>
    <message>
        <source>The tier &quot;{name}&quot; is not valid: {detail}.</source>
        <translation>会员等级“{name}”无效：{detail}。</translation>
    </message>
    <message>
        <source>The coupon plan is not valid: {detail}.</source>
        <translation>优惠券方案无效：{detail}。</translation>
    </message>
    <message>
        <source>There is no coupon plan {plan}.</source>
        <translation>不存在优惠券方案 {plan}。</translation>
    </message>
    <message>
        <source>There is no coupon &quot;{coupon}&quot;.</source>
        <translation>不存在优惠券“{coupon}”。</translation>
    </message>
    <message>
        <source>The coupon &quot;{coupon}&quot; was already redeemed.</source>
        <translation>优惠券“{coupon}”已经核销过了。</translation>
    </message>
    <message>
        <source>Issuing to a saved segment needs the segment&apos;s customers.</source>
        <translation>向已保存的分群发券，需要先取得该分群的客户。</translation>
    </message>
    <message>
        <source>No mobile, buyer id or nickname column was found in the member list {file}.</source>
        <translation>会员名单 {file} 中没有找到手机号、买家 ID 或昵称列。</translation>
    </message>
    <message>
        <source>Scores are computed after the next import.</source>
        <translation>评分将在下次导入后计算。</translation>
    </message>
    <message>
        <source>Predicted value is being computed…</source>
        <translation>正在计算预测价值…</translation>
    </message>
    <message>
        <source>No predicted value: this customer has no valid order.</source>
        <translation>无预测价值：该客户没有有效订单。</translation>
    </message>
    <message>
        <source>no buyer id, nickname or mobile</source>
        <translation>没有买家ID、昵称或手机号</translation>
    </message>
    <message>
        <source>only a masked or incomplete mobile (like 138****1234), which cannot tell who it is</source>
        <translation>只有打码或不完整的手机号（如 138****1234），无法确定是谁</translation>
    </message>
    <message>
        <source>Enter a whole number from {low} to {high}.</source>
        <translation>请输入 {low} 到 {high} 之间的整数。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a date (YYYY-MM-DD).</source>
        <translation>“{value}”不是日期（YYYY-MM-DD）。</translation>
    </message>
    <message>
        <source>Enter four numbers separated by commas (for scores 2, 3, 4 and 5), or leave it blank.</source>
        <translation>请输入四个用逗号分隔的数字（对应 2、3、4、5 分），或留空。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a number of zero or more.</source>
        <translation>“{value}”不是大于等于零的数字。</translation>
    </message>
    <message>
        <source>The four numbers must get smaller from score 2 to score 5, e.g. 365, 180, 90, 30.</source>
        <translation>四个数字须从 2 分到 5 分依次减小，例如 365, 180, 90, 30。</translation>
    </message>
    <message>
        <source>The four numbers must get larger from score 2 to score 5, e.g. 2, 3, 4, 6.</source>
        <translation>四个数字须从 2 分到 5 分依次增大，例如 2, 3, 4, 6。</translation>
    </message>
    <message>
        <source>Must be fewer days than the days after which a customer is lost ({lost}).</source>
        <translation>必须少于判定流失的天数（{lost}）。</translation>
    </message>
    <message>
        <source>{file}: {platform}, batch {batch_id}: {rows} rows, {orders_new} new, {orders_updated} updated, {orders_unchanged} unchanged, {customers_new} new customers, {rejected} not imported</source>
        <translation>{file}：{platform}，批次 {batch_id}：共 {rows} 行，新增 {orders_new}，更新 {orders_updated}，无变化 {orders_unchanged}，新客户 {customers_new}，未导入 {rejected}</translation>
    </message>
    <message>
        <source>  row {row}, {column}: {reason}</source>
        <translation>  第 {row} 行，{column}：{reason}</translation>
    </message>
    <message>
        <source>Batch {batch} undone: {removed} orders removed, {restored} restored, {customers} customers removed</source>
        <translation>批次 {batch} 已撤销：删除订单 {removed} 个，恢复 {restored} 个，删除客户 {customers} 位</translation>
    </message>
    <message>
        <source>{orders} orders ({valid_orders} valid), {customers} customers</source>
        <translation>订单 {orders} 个（有效 {valid_orders} 个），客户 {customers} 位</translation>
    </message>
    <message>
        <source>GMV {gmv}, refunds {refunds}, net sales {net}</source>
        <translation>成交额（GMV）{gmv}，退款 {refunds}，净销售额 {net}</translation>
    </message>
    <message>
        <source>{file}: {new} new, {updated} updated, {unchanged} unchanged</source>
        <translation>{file}：新增 {new}，更新 {updated}，无变化 {unchanged}</translation>
    </message>
</context>
<context>
    <name>MetricSettingsDialog</name>
    <message>
        <source>Metric settings</source>
        <translation>指标设置</translation>
    </message>
    <message>
        <source>As-of date</source>
        <translation>统计基准日</translation>
    </message>
    <message>
        <source>RFM window (days)</source>
        <translation>RFM 统计窗口（天）</translation>
    </message>
    <message>
        <source>R cut points (days)</source>
        <translation>R 分界点（天）</translation>
    </message>
    <message>
        <source>F cut points (orders)</source>
        <translation>F 分界点（单）</translation>
    </message>
    <message>
        <source>M cut points (yuan)</source>
        <translation>M 分界点（元）</translation>
    </message>
    <message>
        <source>Dormant after (days)</source>
        <translation>沉睡：超过（天）</translation>
    </message>
    <message>
        <source>Lost after (days)</source>
        <translation>流失：超过（天）</translation>
    </message>
    <message>
        <source>Loyal: at least (orders)</source>
        <translation>忠诚：至少（单）</translation>
    </message>
    <message>
        <source>Loyal: within (days)</source>
        <translation>忠诚：统计天数</translation>
    </message>
    <message>
        <source>Active: at least (orders)</source>
        <translation>活跃：至少（单）</translation>
    </message>
    <message>
        <source>L (loyal): at least (orders)</source>
        <translation>L（忠诚）：至少（单）</translation>
    </message>
    <message>
        <source>L (loyal): within (days)</source>
        <translation>L（忠诚）：统计天数</translation>
    </message>
    <message>
        <source>Customers who bought again, at least</source>
        <translation>复购客户至少</translation>
    </message>
    <message>
        <source>Days of orders, at least</source>
        <translation>订单历史至少（天）</translation>
    </message>
    <message>
        <source>Default KPI period (days)</source>
        <translation>默认 KPI 时间段（天）</translation>
    </message>
    <message>
        <source>RFM scores</source>
        <translation>RFM 评分</translation>
    </message>
    <message>
        <source>Lifecycle layers</source>
        <translation>用户分层</translation>
    </message>
    <message>
        <source>AIPL</source>
        <translation>AIPL 客户链路</translation>
    </message>
    <message>
        <source>Predicted value is shown when the shop has</source>
        <translation>满足以下条件时显示预测价值</translation>
    </message>
    <message>
        <source>Analytics page</source>
        <translation>分析页</translation>
    </message>
    <message>
        <source>Changes apply to every figure: the scores of every customer are recomputed on saving.</source>
        <translation>修改影响所有数字：保存时会重新计算每位客户的评分。</translation>
    </message>
    <message>
        <source>As-of date (the “today” of every recency figure)</source>
        <translation>统计基准日（所有“最近”指标的“今天”）</translation>
    </message>
    <message>
        <source>The latest order</source>
        <translation>最新订单日期</translation>
    </message>
    <message>
        <source>A fixed date</source>
        <translation>固定日期</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>The latest order (%1)</source>
        <translation>最新订单日期（%1）</translation>
    </message>
    <message>
        <source>automatic now: computed after the first import</source>
        <translation>当前自动值：首次导入后计算</translation>
    </message>
    <message>
        <source>automatic now: %1</source>
        <translation>当前自动值：%1</translation>
    </message>
    <message>
        <source>Four thresholds, for scores 2, 3, 4 and 5. Blank: automatic, the fifths of the shop&apos;s distinct values, as shown.</source>
        <translation>四个阈值，分别对应 2、3、4、5 分。留空即自动：按店铺不同取值五等分，如下所示。</translation>
    </message>
    <message>
        <source>blank = the default 2, 3, 4, 6</source>
        <translation>留空 = 默认 2, 3, 4, 6</translation>
    </message>
    <message>
        <source>Saving the settings…</source>
        <translation>正在保存设置…</translation>
    </message>
    <message>
        <source>Recomputing every customer&apos;s scores…</source>
        <translation>正在重新计算每位客户的评分…</translation>
    </message>
</context>
<context>
    <name>OrderTableModel</name>
    <message>
        <source>Ordered</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>订单编号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>实付金额</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>买家昵称</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>收货人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>商品</translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <source>Order number, nickname, receiver or last 4 phone digits</source>
        <translation>订单编号、昵称、收货人或手机尾号 4 位</translation>
    </message>
    <message>
        <source>All platforms</source>
        <translation>全部平台</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Ordered between</source>
        <translation>下单日期</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>%1 orders</source>
        <translation>%1 笔订单</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Import my orders</source>
        <translation>导入我的订单</translation>
    </message>
    <message>
        <source>Open the demo shop</source>
        <translation>打开示例店铺</translation>
    </message>
    <message>
        <source>Welcome to 私域掌柜</source>
        <translation>欢迎使用私域掌柜</translation>
    </message>
    <message>
        <source>Bring in the order exports of your shops and see every customer in one place: who buys again, who has gone quiet, and who is the same person on two platforms. Everything stays on this computer.</source>
        <translation>导入各店铺的订单导出文件，在一处看清所有客户：谁在复购，谁已沉睡，谁在两个平台上其实是同一个人。所有数据只保存在这台电脑上。</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <source>Paid or completed</source>
        <translation>已付款或已完成</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户数</translation>
    </message>
    <message>
        <source>Net sales</source>
        <translation>净销售额</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>退款金额</translation>
    </message>
    <message>
        <source>Last import</source>
        <translation>最近导入</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>总览</translation>
    </message>
    <message>
        <source>%1 pairs of customers may be the same person — review</source>
        <translation>有 %1 对客户可能是同一个人 — 去查看</translation>
    </message>
    <message>
        <source>Store: %1</source>
        <translation>店铺数据：%1</translation>
    </message>
    <message>
        <source>Building the demo shop: about %1 customers and their orders…</source>
        <translation>正在生成示例店铺：约 %1 位客户及其订单…</translation>
    </message>
    <message>
        <source>The demo shop could not be built: %1</source>
        <translation>示例店铺生成失败：%1</translation>
    </message>
</context>
<context>
    <name>PickStep</name>
    <message>
        <source>Drop order exports here
(xlsx, xls or csv from Taobao, Douyin, Pinduoduo, JD, Kuaishou, Youzan or WeChat shops)</source>
        <translation>把订单导出文件拖到这里
（淘宝、抖音、拼多多、京东、快手、有赞或微信小店导出的 xlsx、xls 或 csv）</translation>
    </message>
    <message>
        <source>Choose files…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Import orders</source>
        <translation>导入订单</translation>
    </message>
    <message>
        <source>Export the orders from your shop&apos;s back office and bring the files here. Importing the same file again only updates what changed.</source>
        <translation>从店铺后台导出订单，把文件放到这里。同一个文件重复导入时，只会更新有变化的内容。</translation>
    </message>
    <message>
        <source>Choose order exports</source>
        <translation>选择订单导出文件</translation>
    </message>
    <message>
        <source>Spreadsheets (%1)</source>
        <translation>表格文件（%1）</translation>
    </message>
</context>
<context>
    <name>Platforms</name>
    <message>
        <source>Taobao/Tmall</source>
        <translation>淘宝/天猫</translation>
    </message>
    <message>
        <source>Douyin</source>
        <translation>抖音</translation>
    </message>
    <message>
        <source>Pinduoduo</source>
        <translation>拼多多</translation>
    </message>
    <message>
        <source>JD</source>
        <translation>京东</translation>
    </message>
    <message>
        <source>Kuaishou</source>
        <translation>快手</translation>
    </message>
    <message>
        <source>Youzan</source>
        <translation>有赞</translation>
    </message>
    <message>
        <source>WeChat shop</source>
        <translation>微信小店</translation>
    </message>
    <message>
        <source>Other (template)</source>
        <translation>其他（通用模板）</translation>
    </message>
</context>
<context>
    <name>PreviewStep</name>
    <message>
        <source>Detect automatically</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Platform:</source>
        <translation>平台：</translation>
    </message>
    <message>
        <source>First rows</source>
        <translation>前几行</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列对应</translation>
    </message>
    <message>
        <source>Fields marked * are needed. Correct a column and the app remembers it for files with the same headers.</source>
        <translation>带 * 的字段为必填。修改过的列对应会被记住，下次导入表头相同的文件时自动使用。</translation>
    </message>
    <message>
        <source>Check what will be imported</source>
        <translation>确认导入内容</translation>
    </message>
    <message>
        <source>Import %1 of %2 files</source>
        <translation>导入 %1 个文件（共 %2 个）</translation>
    </message>
    <message>
        <source>The platform could not be recognised. Choose it above.</source>
        <translation>无法识别平台，请在上方选择。</translation>
    </message>
    <message>
        <source>Choose the columns for: %1</source>
        <translation>请为以下字段选择列：%1</translation>
    </message>
    <message>
        <source>Using the columns you chose last time for files like this.</source>
        <translation>已沿用上次为同类文件选择的列对应。</translation>
    </message>
    <message>
        <source>Detected %1, but not for sure: check the columns.</source>
        <translation>识别为%1，但不确定，请检查列对应。</translation>
    </message>
    <message>
        <source>Detected %1 (header in row %2).</source>
        <translation>识别为%1（表头在第 %2 行）。</translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
</context>
<context>
    <name>RedeemPointsDialog</name>
    <message>
        <source>Redeem points</source>
        <translation>兑换积分</translation>
    </message>
    <message>
        <source>e.g. exchanged for a gift</source>
        <translation>例如：兑换赠品</translation>
    </message>
    <message>
        <source>Points to redeem</source>
        <translation>兑换积分数</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Balance now: %1 points. The oldest-expiring points are used first.</source>
        <translation>当前积分：%1。优先使用最早到期的积分。</translation>
    </message>
    <message>
        <source>Enter the number of points to redeem.</source>
        <translation>请输入要兑换的积分数。</translation>
    </message>
    <message>
        <source>The customer has only %1 points; %2 cannot be redeemed.</source>
        <translation>该客户只有 %1 积分，无法兑换 %2 积分。</translation>
    </message>
</context>
<context>
    <name>RefundSpendDialog</name>
    <message>
        <source>Refund a spending</source>
        <translation>退回一笔储值消费</translation>
    </message>
    <message>
        <source>%1 (refundable %2)</source>
        <translation>%1（可退 %2）</translation>
    </message>
    <message>
        <source>Spending</source>
        <translation>消费记录</translation>
    </message>
    <message>
        <source>Amount to refund</source>
        <translation>退回金额</translation>
    </message>
    <message>
        <source>There is no spending left to refund.</source>
        <translation>没有可以退回的消费。</translation>
    </message>
    <message>
        <source>Enter the amount to refund.</source>
        <translation>请输入退回金额。</translation>
    </message>
    <message>
        <source>At most %1 of this spending can be refunded.</source>
        <translation>这笔消费最多还能退回 %1。</translation>
    </message>
</context>
<context>
    <name>ResultStep</name>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>无变化</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>未导入</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Save rejected rows…</source>
        <translation>保存未导入的行…</translation>
    </message>
    <message>
        <source>Import more files</source>
        <translation>继续导入</translation>
    </message>
    <message>
        <source>Show orders</source>
        <translation>查看订单</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <source>%1 of %2 files imported; %3 rows rejected. Every import can be undone in the history.</source>
        <translation>已导入 %1 个文件（共 %2 个），%3 行未导入。每次导入都可以在导入记录中撤销。</translation>
    </message>
    <message>
        <source>Imported</source>
        <comment>state of an import</comment>
        <translation>已导入</translation>
    </message>
    <message>
        <source>Skipped: its columns were not complete</source>
        <translation>已跳过：列对应不完整</translation>
    </message>
    <message>
        <source>Save rejected rows</source>
        <translation>保存未导入的行</translation>
    </message>
    <message>
        <source>rejected rows.xlsx</source>
        <translation>未导入的行.xlsx</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Could not save</source>
        <translation>无法保存</translation>
    </message>
</context>
<context>
    <name>RuleBuilder</name>
    <message>
        <source>Lifecycle layer</source>
        <translation>生命周期分层</translation>
    </message>
    <message>
        <source>RFM segment</source>
        <translation>RFM 分群</translation>
    </message>
    <message>
        <source>R score (1-5)</source>
        <translation>R 分（1-5）</translation>
    </message>
    <message>
        <source>F score (1-5)</source>
        <translation>F 分（1-5）</translation>
    </message>
    <message>
        <source>M score (1-5)</source>
        <translation>M 分（1-5）</translation>
    </message>
    <message>
        <source>Days since last order (R)</source>
        <translation>距上次下单天数（R）</translation>
    </message>
    <message>
        <source>Orders in the RFM window (F)</source>
        <translation>RFM 窗口内订单数（F）</translation>
    </message>
    <message>
        <source>Spend in the RFM window (M, yuan)</source>
        <translation>RFM 窗口内消费（M，元）</translation>
    </message>
    <message>
        <source>Net spend (yuan)</source>
        <translation>净消费（元）</translation>
    </message>
    <message>
        <source>Valid orders</source>
        <translation>有效订单</translation>
    </message>
    <message>
        <source>Predicted 365-day value (yuan)</source>
        <translation>预测 365 天价值（元）</translation>
    </message>
    <message>
        <source>Last order date</source>
        <translation>最近下单日期</translation>
    </message>
    <message>
        <source>First order date</source>
        <translation>首次下单日期</translation>
    </message>
    <message>
        <source>Member tier</source>
        <translation>会员等级</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Bought items</source>
        <translation>买过的商品</translation>
    </message>
    <message>
        <source>Never bought items</source>
        <translation>没买过的商品</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>省份</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>勿扰</translation>
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
        <source>between (a, b)</source>
        <translation>介于（a, b）</translation>
    </message>
    <message>
        <source>on or after</source>
        <translation>当天或之后</translation>
    </message>
    <message>
        <source>before</source>
        <translation>之前</translation>
    </message>
    <message>
        <source>on or before</source>
        <translation>当天或之前</translation>
    </message>
    <message>
        <source>after</source>
        <translation>之后</translation>
    </message>
    <message>
        <source>is</source>
        <translation>是</translation>
    </message>
    <message>
        <source>is not</source>
        <translation>不是</translation>
    </message>
    <message>
        <source>is one of</source>
        <translation>是其中之一</translation>
    </message>
    <message>
        <source>is none of</source>
        <translation>都不是</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>包含</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>为空</translation>
    </message>
    <message>
        <source>has any of</source>
        <translation>含任一</translation>
    </message>
    <message>
        <source>has all of</source>
        <translation>含全部</translation>
    </message>
    <message>
        <source>has none of</source>
        <translation>都不含</translation>
    </message>
    <message>
        <source>code or title contains</source>
        <translation>编码或标题包含</translation>
    </message>
    <message>
        <source>%1 days ago</source>
        <translation>%1天前</translation>
    </message>
    <message>
        <source>%1 weeks ago</source>
        <translation>%1周前</translation>
    </message>
    <message>
        <source>%1 months ago</source>
        <translation>%1个月前</translation>
    </message>
    <message>
        <source>today</source>
        <translation>今天</translation>
    </message>
</context>
<context>
    <name>RuleGroup</name>
    <message>
        <source>All of these (AND)</source>
        <translation>满足全部条件（且）</translation>
    </message>
    <message>
        <source>Any of these (OR)</source>
        <translation>满足任一条件（或）</translation>
    </message>
    <message>
        <source>+ Condition</source>
        <translation>+ 条件</translation>
    </message>
    <message>
        <source>Remove group</source>
        <translation>删除条件组</translation>
    </message>
    <message>
        <source>+ Group</source>
        <translation>+ 条件组</translation>
    </message>
</context>
<context>
    <name>RulesPanel</name>
    <message>
        <source>A rule change applies to new points and top-ups only.</source>
        <translation>规则修改只对之后获得的积分和之后的充值生效。</translation>
    </message>
    <message>
        <source>Save rules</source>
        <translation>保存规则</translation>
    </message>
    <message>
        <source>Points and tiers</source>
        <translation>积分与等级</translation>
    </message>
    <message>
        <source>Only members earn points</source>
        <translation>只有会员才能获得积分</translation>
    </message>
    <message>
        <source>At the end of next year</source>
        <translation>次年年底</translation>
    </message>
    <message>
        <source>A number of days after they are earned</source>
        <translation>获得后若干天</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>永不过期</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Only members get a tier</source>
        <translation>只有会员才有等级</translation>
    </message>
    <message>
        <source>Expire points now</source>
        <translation>立即清理过期积分</translation>
    </message>
    <message>
        <source>Points per yuan</source>
        <translation>每元积分</translation>
    </message>
    <message>
        <source>Points expire</source>
        <translation>积分有效期</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>Tier evaluation day</source>
        <translation>等级评定日</translation>
    </message>
    <message>
        <source>Stored value (购物金) bonus</source>
        <translation>购物金充值赠送</translation>
    </message>
    <message>
        <source>A top-up gets the bonus of the largest step it reaches, once.</source>
        <translation>每次充值按达到的最高一档赠送一次。</translation>
    </message>
    <message>
        <source>Top-up of at least (yuan)</source>
        <translation>充值满（元）</translation>
    </message>
    <message>
        <source>Bonus (yuan)</source>
        <translation>赠送（元）</translation>
    </message>
    <message>
        <source>Add step</source>
        <translation>添加档位</translation>
    </message>
    <message>
        <source>Remove step</source>
        <translation>删除档位</translation>
    </message>
    <message>
        <source>Row %1: both amounts must be numbers.</source>
        <translation>第 %1 行：两个金额都必须是数字。</translation>
    </message>
    <message>
        <source>Row %1: the top-up must be above zero and the bonus not negative.</source>
        <translation>第 %1 行：充值金额必须大于零，赠送金额不能为负数。</translation>
    </message>
    <message>
        <source>Two steps start at %1.</source>
        <translation>有两个档位都从 %1 开始。</translation>
    </message>
    <message>
        <source>Take away every point whose expiry date has passed? This cannot be undone.</source>
        <translation>清除所有已过有效期的积分？此操作无法撤销。</translation>
    </message>
    <message>
        <source>%1 points expired for %2 customers.</source>
        <translation>已清理 %2 位客户的过期积分，共 %1 分。</translation>
    </message>
    <message>
        <source>Membership rules</source>
        <translation>会员规则</translation>
    </message>
</context>
<context>
    <name>RunStep</name>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>You can keep working in the other pages. Cancelling leaves the store exactly as it was before this file.</source>
        <translation>导入期间可以继续使用其他页面。取消后，数据会完全恢复到导入这个文件之前的样子。</translation>
    </message>
    <message>
        <source>File %1 of %2: %3</source>
        <translation>第 %1 个文件（共 %2 个）：%3</translation>
    </message>
    <message>
        <source>Saving orders: %1 of %2</source>
        <translation>正在保存订单：%1 / %2</translation>
    </message>
    <message>
        <source>Saving orders: %1 (about %2% done)</source>
        <translation>正在保存订单：%1（约完成 %2%）</translation>
    </message>
    <message>
        <source>Saving orders: %1</source>
        <translation>正在保存订单：%1</translation>
    </message>
    <message>
        <source>Finishing: %1 rows read</source>
        <translation>即将完成：已读取 %1 行</translation>
    </message>
    <message>
        <source>Reading rows: %1</source>
        <translation>正在读取：%1 行</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>SegmentMemberTableModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>分层</translation>
    </message>
    <message>
        <source>RFM segment</source>
        <translation>RFM 分群</translation>
    </message>
    <message>
        <source>R (days)</source>
        <translation>R（天）</translation>
    </message>
    <message>
        <source>F (orders)</source>
        <translation>F（单）</translation>
    </message>
    <message>
        <source>M</source>
        <translation>M</translation>
    </message>
    <message>
        <source>R-F-M scores</source>
        <translation>R-F-M 评分</translation>
    </message>
    <message>
        <source>Net spend</source>
        <translation>净消费金额</translation>
    </message>
    <message>
        <source>Last order</source>
        <translation>最近下单</translation>
    </message>
</context>
<context>
    <name>SegmentsPage</name>
    <message>
        <source>Save members as xlsx…</source>
        <translation>导出成员为 xlsx…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>分群</translation>
    </message>
    <message>
        <source>Saved segments</source>
        <translation>已保存的分群</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 customers match</source>
        <translation>符合条件的客户：%1 位</translation>
    </message>
    <message>
        <source>a number is missing or not a number</source>
        <translation>缺少数字或不是数字</translation>
    </message>
    <message>
        <source>The rules are not complete: %1</source>
        <translation>条件还不完整：%1</translation>
    </message>
    <message>
        <source>Save segment</source>
        <translation>保存分群</translation>
    </message>
    <message>
        <source>Name of the segment:</source>
        <translation>分群名称：</translation>
    </message>
    <message>
        <source>Rename segment</source>
        <translation>重命名分群</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <source>Delete the segment “%1”? Its customers are not changed.</source>
        <translation>删除分群“%1”？其中的客户不会被改动。</translation>
    </message>
    <message>
        <source>Delete segment</source>
        <translation>删除分群</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Saving cancelled</source>
        <translation>已取消导出</translation>
    </message>
    <message>
        <source>%1 customers saved to %2</source>
        <translation>已导出 %1 位客户到 %2</translation>
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation>无法导出：%1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Move to another folder…</source>
        <translation>移到其他文件夹…</translation>
    </message>
    <message>
        <source>Open another store…</source>
        <translation>打开其他店铺数据…</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Show full phone numbers (otherwise 138****1234)</source>
        <translation>显示完整手机号（否则显示为 138****1234）</translation>
    </message>
    <message>
        <source>Metric settings…</source>
        <translation>指标设置…</translation>
    </message>
    <message>
        <source>Shop name</source>
        <translation>店铺名称</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Analytics</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>店铺数据</translation>
    </message>
    <message>
        <source>All your orders, customers and notes are in this file. Backups are kept in the backups folder next to it.</source>
        <translation>您的所有订单、客户和备注都保存在这个文件里。备份保存在它旁边的 backups 文件夹中。</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Move the store to</source>
        <translation>把店铺数据移到</translation>
    </message>
    <message>
        <source>Open a store</source>
        <translation>打开店铺数据</translation>
    </message>
    <message>
        <source>Stores (*.sqlite)</source>
        <translation>店铺数据 (*.sqlite)</translation>
    </message>
</context>
<context>
    <name>SpendDialog</name>
    <message>
        <source>Spend stored value</source>
        <translation>使用储值</translation>
    </message>
    <message>
        <source>e.g. order number</source>
        <translation>例如：订单号</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>备注/凭证</translation>
    </message>
    <message>
        <source>Balance now: %1</source>
        <translation>当前余额：%1</translation>
    </message>
    <message>
        <source>Enter the amount to spend.</source>
        <translation>请输入消费金额。</translation>
    </message>
    <message>
        <source>The balance is only %1.</source>
        <translation>余额只有 %1。</translation>
    </message>
</context>
<context>
    <name>Statuses</name>
    <message>
        <source>Unpaid</source>
        <translation>待付款</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>SuggestionCard</name>
    <message>
        <source>Merge them</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Different people</source>
        <translation>不是同一人</translation>
    </message>
    <message>
        <source>Same receiver name “%1”, same phone ending %2 and same city %3 — but no shared account or full phone number, so the app did not merge them on its own.</source>
        <translation>收货人姓名同为“%1”，手机尾号同为 %2，城市同为%3 — 但没有相同的账号或完整手机号，所以程序没有自动合并。</translation>
    </message>
    <message>
        <source>These customers look alike.</source>
        <translation>这两位客户很相似。</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt; (No. %2)&lt;br&gt;%3&lt;br&gt;%n order(s), %4 · last order %5</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt;（%2 号）&lt;br&gt;%3&lt;br&gt;%n 笔订单，%4 · 最近下单 %5</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TopUpDialog</name>
    <message>
        <source>Top up stored value</source>
        <translation>储值充值</translation>
    </message>
    <message>
        <source>e.g. WeChat transfer number</source>
        <translation>例如：微信转账单号</translation>
    </message>
    <message>
        <source>Amount paid</source>
        <translation>实付金额</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>备注/凭证</translation>
    </message>
    <message>
        <source>Bonus: %1. Balance after the top-up: %2.</source>
        <translation>赠送：%1。充值后余额：%2。</translation>
    </message>
    <message>
        <source>Enter the amount the customer paid.</source>
        <translation>请输入客户实付金额。</translation>
    </message>
</context>
<context>
    <name>UiMessages</name>
    <message>
        <source>Customer {customer} no longer exists.</source>
        <translation>客户 {customer} 已不存在。</translation>
    </message>
    <message>
        <source>A customer cannot be merged with itself.</source>
        <translation>客户不能与自己合并。</translation>
    </message>
    <message>
        <source>This is the customer&apos;s only identity; there is nothing to split off.</source>
        <translation>这是该客户唯一的身份，无法拆分。</translation>
    </message>
</context>
</TS>
