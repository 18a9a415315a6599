<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../common/plan_tasks.py" line="100"/>
        <source>TaskStatus</source>
        <comment>任务 {task}：{status}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/plan_tasks.py" line="102"/>
        <source>TaskStatus</source>
        <comment>完成时限：{due}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/plan_tasks.py" line="105"/>
        <source>TaskStatus</source>
        <comment>完成日期：{day}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/plan_tasks.py" line="107"/>
        <source>TaskStatus</source>
        <comment>已达到的阶段目标：{text}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/plan_tasks.py" line="109"/>
        <source>TaskStatus</source>
        <comment>已到期的阶段目标：{text}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/plan_tasks.py" line="111"/>
        <source>TaskStatus</source>
        <comment>牵头单位：{units}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/plan_tasks.py" line="113"/>
        <source>TaskStatus</source>
        <comment>责任单位：{units}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/plan_tasks.py" line="115"/>
        <source>TaskStatus</source>
        <comment>进度说明：{note}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/plan_tasks.py" line="116"/>
        <source>TaskStatus</source>
        <comment>印证资料：{n} 件</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/plan_tasks.py" line="126"/>
        <source>TaskStatus</source>
        <comment>&lt;b&gt;进度：&lt;/b&gt;{status}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/plan_tasks.py" line="131"/>
        <source>TaskStatus</source>
        <comment>（长期推进）</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/plan_tasks.py" line="133"/>
        <source>TaskStatus</source>
        <comment>&#x3000;完成日期 {day}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/plan_tasks.py" line="137"/>
        <source>TaskStatus</source>
        <comment>&lt;b&gt;已达到的阶段目标：&lt;/b&gt;{text}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/plan_tasks.py" line="141"/>
        <source>TaskStatus</source>
        <comment>&lt;b&gt;已到期的阶段目标：&lt;/b&gt;{text}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/plan_tasks.py" line="143"/>
        <source>TaskStatus</source>
        <comment>&lt;b&gt;进度说明：&lt;/b&gt;{note}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="64"/>
        <source>ExportDialog</source>
        <comment>导出任务进度报告（PDF）</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="66"/>
        <location filename="../export/export_dialogs.py" line="87"/>
        <source>ExportDialog</source>
        <comment>PDF 文件 (*.pdf)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="67"/>
        <source>ExportDialog</source>
        <comment>各项任务的完成时限、进度和印证资料，按牵头单位统计，列出逾期任务；不打分。</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="71"/>
        <source>ExportDialog</source>
        <comment>导出任务进度报告（Word）</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="73"/>
        <source>ExportDialog</source>
        <comment>Word 文档 (*.docx)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="74"/>
        <source>ExportDialog</source>
        <comment>可编辑的任务进度报告，便于修改文字后印发。</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="78"/>
        <source>ExportDialog</source>
        <comment>导出任务进度表（Excel）</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="80"/>
        <source>ExportDialog</source>
        <comment>Excel 工作簿 (*.xlsx)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="81"/>
        <source>ExportDialog</source>
        <comment>每项任务的编号、责任单位、完成时限、进度和印证资料。</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="85"/>
        <source>ExportDialog</source>
        <comment>导出印证资料汇编（PDF）</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="88"/>
        <source>ExportDialog</source>
        <comment>全部 PDF 资料按任务顺序合成带书签的汇编，可分卷、可按单位分册。</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="91"/>
        <source>ExportDialog</source>
        <comment>导出资料文件夹（ZIP）</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="93"/>
        <source>ExportDialog</source>
        <comment>ZIP 压缩包 (*.zip)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="94"/>
        <source>ExportDialog</source>
        <comment>每项任务一个文件夹，保留原文件名，附 hashes.txt 校验清单。</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/task_progress.py" line="45"/>
        <source>TaskProgress</source>
        <comment>未启动</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/task_progress.py" line="46"/>
        <source>TaskProgress</source>
        <comment>推进中</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/task_progress.py" line="47"/>
        <source>TaskProgress</source>
        <comment>已完成</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/task_progress.py" line="48"/>
        <source>TaskProgress</source>
        <comment>长期推进</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AreaProgressModel</name>
    <message>
        <location filename="../status/dashboard_models.py" line="48"/>
        <source>一级指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard_models.py" line="48"/>
        <source>任务类别</source>
        <extracomment>A plan project (a task list): sections of tasks, not 一级指标.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard_models.py" line="49"/>
        <source>指标数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard_models.py" line="49"/>
        <source>任务数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard_models.py" line="50"/>
        <source>资料齐全</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard_models.py" line="51"/>
        <source>资料不全</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard_models.py" line="52"/>
        <source>尚无资料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard_models.py" line="53"/>
        <source>被退回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard_models.py" line="54"/>
        <source>齐全率</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard_models.py" line="55"/>
        <source>已评估</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard_models.py" line="56"/>
        <source>得分</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttachDialog</name>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="128"/>
        <source>再添加文件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="130"/>
        <source>移除所选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="140"/>
        <source>这些资料由哪个单位提供</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="149"/>
        <source>这些资料对应哪一项资料要求；不指定则计入本指标的全部要求</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="150"/>
        <source>不指定（计入全部要求）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="161"/>
        <source>勾选后，同一份资料也计入这些任务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="163"/>
        <source>勾选后，同一份资料也计入这些指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="170"/>
        <source>筛选指标（编号或关键词）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="170"/>
        <source>筛选任务（编号或关键词）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="176"/>
        <source>默认用文件名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="178"/>
        <source>如 2021 或 2021-05，可不填</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="182"/>
        <source>资料所属的年份或月份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="186"/>
        <source>提供单位：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="189"/>
        <source>对应要求：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="190"/>
        <source>标题：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="192"/>
        <source>期间：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="193"/>
        <source>识别扫描件和照片中的文字（OCR，较慢）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="198"/>
        <source>添加后立即识别没有文字层的页面，识别出的文字可全文搜索；也可以以后在“编辑”菜单中识别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="203"/>
        <source>未安装文字识别组件（rapidocr、onnxruntime）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="210"/>
        <source>添加</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="216"/>
        <source>文件：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="222"/>
        <source>同时用于以下指标（可选）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="222"/>
        <source>同时用于以下任务（可选）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="252"/>
        <source>选择资料文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="317"/>
        <source>本工作区的单位（{unit}）不负责{item}，不能为它添加资料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="322"/>
        <source>{item}的责任单位（{names}）还没有对应的具体单位：请先在单位设置中为集体名称指定成员单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="320"/>
        <source>未列出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="110"/>
        <source>添加资料 — {item}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="117"/>
        <source>{item}：{text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="125"/>
        <source>要添加的文件；接受 PDF、Word（.docx）、Excel（.xlsx、.xls）、OFD 和照片（JPG、PNG、TIFF）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="325"/>
        <source>请添加至少一个文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="328"/>
        <source>期间应写作 2021 或 2021-05</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="337"/>
        <source>共 {n} 个文件</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <location filename="../audit/audit_view.py" line="203"/>
        <source>时间</source>
        <extracomment>Newest entries loaded at most (older ones: narrow the dates). Names the targets&apos; indicators (a plan&apos;s tasks by their ids); set by the view.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="203"/>
        <source>人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="203"/>
        <source>操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="203"/>
        <source>对象</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="203"/>
        <source>详情</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <location filename="../audit/audit_view.py" line="274"/>
        <source>资料</source>
        <extracomment>Entries were (re)loaded (carries how many).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="275"/>
        <source>评定等级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="276"/>
        <source>审核</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="277"/>
        <source>否决项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="278"/>
        <source>加分项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="279"/>
        <source>评分方案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="280"/>
        <source>任务包与提交包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="281"/>
        <source>导出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="282"/>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="283"/>
        <source>项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="284"/>
        <source>网址/联系方式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="285"/>
        <source>封存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="298"/>
        <source>只看某人的操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="299"/>
        <location filename="../audit/audit_view.py" line="429"/>
        <source>全部人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="302"/>
        <source>全部操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="306"/>
        <source>从</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="312"/>
        <source>到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="322"/>
        <source>筛选对象或详情，如“第 12 项”、“县司法局”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="325"/>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="421"/>
        <source>读取操作记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="440"/>
        <source>共 {n} 条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="442"/>
        <source>显示 {shown} / {n} 条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="445"/>
        <source>（只列出最近 {max} 条，可按日期缩小范围）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackgroundTask</name>
    <message>
        <location filename="../common/background.py" line="233"/>
        <source>取消</source>
        <extracomment>What a background function looks like: it takes the progress callback and the cancel token. The result type of a background job. Emitted on the UI thread after ``on_done`` ran; carries the result. Emitted on the UI thread after the error was handled; carries the exception. Emitted last, whatever the outcome. Runs in the write pool (it changes the project or writes files). Its progress is on screen (a dialog, or an ``InlineProgress`` tracking it).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/background.py" line="318"/>
        <source>内部错误：{kind}: {error}（详情见 {path}）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BatchDialog</name>
    <message>
        <location filename="../exchange/batch_dialog.py" line="78"/>
        <source>打开所在文件夹</source>
        <extracomment>The batch finished (carries the result rows).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/batch_dialog.py" line="91"/>
        <source>浏览…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/batch_dialog.py" line="99"/>
        <source>选择输出文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/batch_dialog.py" line="130"/>
        <source>已取消。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BonusDialog</name>
    <message>
        <location filename="../scoring/extras_dialogs.py" line="105"/>
        <source>加分项 {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_dialogs.py" line="115"/>
        <source> 分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_dialogs.py" line="119"/>
        <source>单项上限 {cap} 分；加分合计上限 {total} 分，其他加分项已计 {others} 分；本项最多 {limit} 分。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_dialogs.py" line="127"/>
        <source>（暂不附证明资料）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_dialogs.py" line="134"/>
        <source>证明加分情形的文件，从本项目已有的资料中选择</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_dialogs.py" line="138"/>
        <source>必填：获得的表彰、推广的做法及文号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_dialogs.py" line="149"/>
        <source>分值：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_dialogs.py" line="151"/>
        <source>证明资料：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_dialogs.py" line="152"/>
        <source>说明：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_dialogs.py" line="156"/>
        <source>分值为 0 即撤销本项加分申报。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BonusTableModel</name>
    <message>
        <location filename="../scoring/extras_models.py" line="125"/>
        <source>编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_models.py" line="126"/>
        <source>加分情形</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_models.py" line="127"/>
        <source>申报分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_models.py" line="128"/>
        <source>单项上限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_models.py" line="129"/>
        <source>计入分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_models.py" line="130"/>
        <source>证明资料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_models.py" line="131"/>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_models.py" line="168"/>
        <location filename="../scoring/extras_models.py" line="205"/>
        <source>未附</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_models.py" line="171"/>
        <source>资料 {id}（已撤回）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_models.py" line="185"/>
        <source>未申报</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_models.py" line="194"/>
        <source>申报 {c} 分超过单项上限 {cap} 分，按上限计</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BundleLearner</name>
    <message>
        <location filename="../export/bundle_learner.py" line="110"/>
        <source>预检汇编资料</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CatalogPane</name>
    <message>
        <location filename="../catalog/catalog_pane.py" line="64"/>
        <location filename="../catalog/catalog_pane.py" line="193"/>
        <source>搜索指标内容、编号、责任单位（Ctrl+Shift+F）</source>
        <extracomment>The user moved to another indicator in the tree. The indicator the shell shows (kept selected when filters change).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_pane.py" line="66"/>
        <location filename="../catalog/catalog_pane.py" line="198"/>
        <source>输入关键词筛选指标；多个词用空格分开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_pane.py" line="75"/>
        <location filename="../catalog/catalog_pane.py" line="201"/>
        <source>只显示某个单位负责的指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_pane.py" line="156"/>
        <source>按资料状态筛选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_pane.py" line="157"/>
        <source>全部状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_pane.py" line="159"/>
        <source>未完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_pane.py" line="98"/>
        <location filename="../catalog/catalog_pane.py" line="216"/>
        <source>没有符合条件的指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_pane.py" line="105"/>
        <source>齐全：资料满足全部要求；不全：已有部分资料；无资料：尚未提供；实地：实地核查项，无需上传</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_pane.py" line="126"/>
        <source>正在打开项目…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_pane.py" line="136"/>
        <source>按任务进度筛选：只看逾期、未完成……</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_pane.py" line="139"/>
        <source>全部任务（{n}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_pane.py" line="142"/>
        <source>只看逾期（{n}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_pane.py" line="146"/>
        <source>未完成（{n}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_pane.py" line="152"/>
        <source>{status}（{n}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_pane.py" line="191"/>
        <source>搜索任务内容、编号、责任单位（Ctrl+Shift+F）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_pane.py" line="196"/>
        <source>输入关键词筛选任务；多个词用空格分开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_pane.py" line="201"/>
        <source>只显示某个单位牵头或参与的任务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_pane.py" line="216"/>
        <source>没有符合条件的任务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_pane.py" line="296"/>
        <source>我的任务（{unit}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_pane.py" line="297"/>
        <source>全部单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_pane.py" line="301"/>
        <source>{name}（{n} 项）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_pane.py" line="318"/>
        <source>{status} {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_pane.py" line="322"/>
        <source>共 {n} 项任务：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_pane.py" line="323"/>
        <source>按任务进度统计；逾期：完成时限已过，尚未完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_pane.py" line="333"/>
        <source>齐全 {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_pane.py" line="334"/>
        <source>不全 {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_pane.py" line="335"/>
        <source>无资料 {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_pane.py" line="336"/>
        <source>实地 {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_pane.py" line="339"/>
        <source>退回 {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_pane.py" line="340"/>
        <source>共 {n} 项：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CatalogTreeModel</name>
    <message>
        <location filename="../catalog/catalog_model.py" line="179"/>
        <source>{number}.（归属待定）{text}</source>
        <extracomment>Characters per line of a tooltip&apos;s indicator text (about 560 px of Chinese at the default font).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_model.py" line="192"/>
        <source>第 {number} 项归属待定：本项目按 {current} 计分，另可归入 {others}（fazhi catalog placement）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_model.py" line="244"/>
        <source>指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_model.py" line="244"/>
        <source>任务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_model.py" line="246"/>
        <source>进度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_model.py" line="358"/>
        <source>{done}/{total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_model.py" line="363"/>
        <source>{count} 件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_model.py" line="365"/>
        <source>实地</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_model.py" line="373"/>
        <source>{title}
{done}/{total} 项资料齐全，共 {evidence} 件资料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_model.py" line="383"/>
        <source>{item}：{status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_model.py" line="389"/>
        <source>责任单位：{units}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/catalog_model.py" line="399"/>
        <source>{title}
{done}/{total} 项任务已完成，{overdue} 项已逾期</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CloseConfirmDialog</name>
    <message>
        <location filename="../shell/close_guard.py" line="39"/>
        <source>还有任务在进行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/close_guard.py" line="41"/>
        <source>{what}前请注意：{jobs}还在进行。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/close_guard.py" line="44"/>
        <source>等待完成后关闭：任务做完后自动{what}。
取消任务：停止任务并撤销它已做的更改，不{what}。
仍然关闭：停止任务、撤销它已做的更改，然后立即{what}。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/close_guard.py" line="50"/>
        <source>等待完成后关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/close_guard.py" line="53"/>
        <source>取消任务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/close_guard.py" line="56"/>
        <source>仍然关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/close_guard.py" line="58"/>
        <source>返回</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../status/dashboard.py" line="101"/>
        <source>资料齐全</source>
        <extracomment>The dashboard was recomputed (carries the ``DashboardData``).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard.py" line="102"/>
        <source>已评估</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard.py" line="103"/>
        <source>退回待补</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard.py" line="104"/>
        <source>自评得分（参考方案）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard.py" line="105"/>
        <source>任务完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard.py" line="107"/>
        <source>已完成的任务 / 全部任务；逾期：完成时限已过，尚未完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard.py" line="141"/>
        <source>总览</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard.py" line="142"/>
        <location filename="../status/dashboard.py" line="282"/>
        <source>按一级指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard.py" line="144"/>
        <source>单位排名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard.py" line="148"/>
        <source>导出为图片…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard.py" line="150"/>
        <source>把总览页保存为 PNG 图片，可插入汇报材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard.py" line="152"/>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard.py" line="212"/>
        <source>统计进度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard.py" line="223"/>
        <source>{title}进度（{year}年）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard.py" line="229"/>
        <source>{county}法治政府建设示范创建进度（{year}年）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard.py" line="235"/>
        <source>{ready}/{total} 项任务资料齐全；资料不全 {some} 项，尚无资料 {none} 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard.py" line="237"/>
        <source>{ready}/{total} 项三级指标；资料不全 {some} 项，尚无资料 {none} 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard.py" line="251"/>
        <source>涉及 {n} 个单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard.py" line="253"/>
        <source>没有待补的退回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard.py" line="270"/>
        <source>统计时间：{at}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard.py" line="282"/>
        <source>按任务类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard.py" line="318"/>
        <source>已逾期 {overdue} 项，推进中 {active} 项，未启动 {idle} 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard.py" line="333"/>
        <source>不适用 {na} 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard.py" line="337"/>
        <source>一票否决</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard.py" line="338"/>
        <source>得分 {total}（仍列出）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard.py" line="344"/>
        <source>基础分 {base} + 加分 {bonus}；非官方分值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard.py" line="374"/>
        <location filename="../status/dashboard.py" line="383"/>
        <source>导出为图片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard.py" line="374"/>
        <source>PNG 图片 (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard.py" line="383"/>
        <source>无法写入图片：{path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardCharts</name>
    <message>
        <location filename="../status/dashboard_charts.py" line="100"/>
        <location filename="../status/dashboard_charts.py" line="111"/>
        <source>各一级指标资料进度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard_charts.py" line="100"/>
        <source>各类任务资料进度</source>
        <extracomment>Units shown in the coverage chart (the table lists them all).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard_charts.py" line="112"/>
        <source>各单位资料覆盖率（前 {n} 名）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard_charts.py" line="113"/>
        <source>各一级指标得分率</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard_charts.py" line="114"/>
        <source>各类任务完成情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard_charts.py" line="176"/>
        <source>资料齐全</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard_charts.py" line="177"/>
        <source>资料不全</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard_charts.py" line="178"/>
        <source>尚无资料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard_charts.py" line="179"/>
        <source>被退回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard_charts.py" line="199"/>
        <source>覆盖率</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard_charts.py" line="215"/>
        <source>（退{n}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard_charts.py" line="243"/>
        <source>得分率</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard_charts.py" line="259"/>
        <source>（未评{n}）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvidenceController</name>
    <message>
        <location filename="../evidence/evidence_controller.py" line="147"/>
        <source>读取资料</source>
        <extracomment>The evidence list of the shown indicator was (re)loaded. A background task started (the window keeps the last one for tests and for closing). The enabled state of the evidence actions may have changed. An OCR run ended (finished or cancelled) and its text is stored; carries the ``OcrResult``.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_controller.py" line="181"/>
        <location filename="../evidence/evidence_controller.py" line="196"/>
        <source>打开原文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_controller.py" line="198"/>
        <source>系统中没有可以打开此文件的程序：{name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_controller.py" line="213"/>
        <source>选择资料文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_controller.py" line="226"/>
        <source>请先在左侧选择要添加资料的指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_controller.py" line="266"/>
        <source>正在添加资料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_controller.py" line="278"/>
        <source>已添加 {n} 个文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_controller.py" line="285"/>
        <source>已取消添加，未做任何更改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_controller.py" line="315"/>
        <source>正在识别文字（OCR）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_controller.py" line="327"/>
        <source>已取消文字识别；已识别的 {files} 个文件已保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_controller.py" line="329"/>
        <source>没有需要识别的页面（都有文字或已识别过）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_controller.py" line="331"/>
        <source>文字识别完成：识别 {pages} 页，其中 {found} 页识别出文字，可全文搜索</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_controller.py" line="361"/>
        <source>已撤回 {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_controller.py" line="363"/>
        <source>正在撤回资料</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvidenceDialogs</name>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="43"/>
        <source>印证资料 (*.pdf *.docx *.xlsx *.xls *.ofd *.jpg *.jpeg *.png *.tif *.tiff *.PDF *.JPG *.JPEG *.PNG);;PDF 文件 (*.pdf *.PDF);;Word 文档 (*.docx);;Excel 表格 (*.xlsx *.xls);;OFD 版式文件 (*.ofd);;照片和扫描件 (*.jpg *.jpeg *.png *.tif *.tiff *.JPG *.JPEG *.PNG);;所有文件 (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvidenceTableModel</name>
    <message>
        <location filename="../evidence/detail_models.py" line="236"/>
        <source>文件名</source>
        <extracomment>Names the rows&apos; indicators in tooltips (a plan&apos;s tasks by their ids).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/detail_models.py" line="237"/>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/detail_models.py" line="238"/>
        <source>页数/工作表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/detail_models.py" line="239"/>
        <source>期间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/detail_models.py" line="240"/>
        <source>添加人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/detail_models.py" line="241"/>
        <source>添加时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/detail_models.py" line="252"/>
        <source>{n} 页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/detail_models.py" line="254"/>
        <source>{n} 个工作表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/detail_models.py" line="270"/>
        <source>标题：{title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/detail_models.py" line="271"/>
        <source>大小：{size}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/detail_models.py" line="273"/>
        <source>添加时间：{time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/detail_models.py" line="276"/>
        <source>用于指标：{numbers}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExplainModel</name>
    <message>
        <location filename="../scoring/score_models.py" line="466"/>
        <source>环节</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_models.py" line="466"/>
        <source>数值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_models.py" line="466"/>
        <source>计算</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../export/export_dialogs.py" line="105"/>
        <source>导出自评报告（PDF）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="107"/>
        <location filename="../export/export_dialogs.py" line="133"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="108"/>
        <source>可打印的总体自评报告：得分、各项评定及意见、附加项、资料目录，并注明所用评分方案。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="115"/>
        <source>导出自评报告（Word）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="117"/>
        <source>Word 文档 (*.docx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="118"/>
        <source>可编辑的自评报告，便于修改文字后印发。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="122"/>
        <source>导出任务分解与打分表（Excel）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="124"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="125"/>
        <source>任务分解进度、自评打分表、资料清单和自查问题，各占一个工作表。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="131"/>
        <source>导出印证资料汇编（PDF）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="134"/>
        <source>全部 PDF 资料按指标顺序合成带书签的汇编，可分卷、可按单位分册。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="140"/>
        <source>导出资料文件夹（ZIP）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="142"/>
        <source>ZIP 压缩包 (*.zip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="143"/>
        <source>每项指标一个文件夹，保留原文件名，附 hashes.txt 校验清单。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="192"/>
        <source>浏览…</source>
        <extracomment>The export finished (carries the list of files written). The report preview is on screen.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="198"/>
        <location filename="../export/export_dialogs.py" line="324"/>
        <source>保存到：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="211"/>
        <source>打开文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="214"/>
        <source>在文件夹中显示</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="226"/>
        <source>导出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="234"/>
        <source>预览</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="237"/>
        <source>先在窗口中查看报告，再决定保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="267"/>
        <source>范围</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="268"/>
        <source>全部资料合成一册</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="269"/>
        <source>每个单位一册（保存到一个文件夹）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="270"/>
        <source>只含一个单位：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="289"/>
        <source>分卷，每卷不超过</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="301"/>
        <source>每页加印汇编页码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="319"/>
        <source>保存到文件夹：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="321"/>
        <source>印证资料汇编（按单位）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="363"/>
        <source>选择文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="389"/>
        <source>无法创建文件夹 {folder}：{error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="411"/>
        <source>已取消导出，没有留下文件。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="416"/>
        <source>导出失败：{error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="431"/>
        <source>正在导出……</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="438"/>
        <source>没有可导出的内容（例如还没有 PDF 资料）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="441"/>
        <source>已导出：{path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="444"/>
        <source>已导出 {n} 个文件到 {folder}：{names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="477"/>
        <source>无法显示预览（{error}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="490"/>
        <source>预览共 {n} 页。确认无误后点“导出”保存。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="497"/>
        <source>生成预览</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/export_dialogs.py" line="499"/>
        <source>正在生成预览……</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExtrasPane</name>
    <message>
        <location filename="../scoring/extras_pane.py" line="97"/>
        <source>标记触发…</source>
        <extracomment>A mark was written and the hub told (carries the ``MarkRecord``). The window&apos;s undo stack (a pane on its own keeps one of its own).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_pane.py" line="98"/>
        <source>所选否决项已触发：结果为一票否决（需写明说明）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_pane.py" line="100"/>
        <source>解除…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_pane.py" line="101"/>
        <source>所选否决项未触发或已解除（需写明说明）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_pane.py" line="104"/>
        <source>否决项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_pane.py" line="113"/>
        <source>申报加分…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_pane.py" line="114"/>
        <source>为所选加分项申报分值并附证明资料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_pane.py" line="119"/>
        <source>加分项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_pane.py" line="132"/>
        <source>加分项分值按评分方案的单项上限和合计上限计入；申报加分须附证明资料，否则自检会提示。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_pane.py" line="185"/>
        <source>计入 {bonus} 分（合计上限 {cap} 分）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_pane.py" line="223"/>
        <source>读取资料</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilingTableModel</name>
    <message>
        <location filename="../evidence/suggest_models.py" line="85"/>
        <location filename="../evidence/suggest_models.py" line="92"/>
        <location filename="../evidence/suggest_models.py" line="129"/>
        <source>不归档</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/suggest_models.py" line="88"/>
        <source>{label}（推荐 {rank}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/suggest_models.py" line="96"/>
        <source>文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/suggest_models.py" line="96"/>
        <source>推荐指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/suggest_models.py" line="96"/>
        <source>归入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/suggest_models.py" line="96"/>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/suggest_models.py" line="127"/>
        <source>（无）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/suggest_models.py" line="133"/>
        <source>未找到匹配的指标，请手动选择</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindingsTreeModel</name>
    <message>
        <location filename="../status/selfcheck_view.py" line="134"/>
        <source>（全县/不限单位）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/selfcheck_view.py" line="138"/>
        <source>（不针对具体指标）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/selfcheck_view.py" line="138"/>
        <source>（不针对具体任务）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/selfcheck_view.py" line="142"/>
        <source>任务 {task}  {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/selfcheck_view.py" line="200"/>
        <source>问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/selfcheck_view.py" line="201"/>
        <source>指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/selfcheck_view.py" line="201"/>
        <source>任务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/selfcheck_view.py" line="202"/>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/selfcheck_view.py" line="203"/>
        <source>级别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/selfcheck_view.py" line="222"/>
        <source>{title}（{n}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/selfcheck_view.py" line="249"/>
        <source>单击转到{what}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunGuide</name>
    <message>
        <location filename="../help/first_run.py" line="61"/>
        <source>入门指引</source>
        <extracomment>打开用户手册 was pressed: carries the role&apos;s manual page.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../help/first_run.py" line="65"/>
        <source>按您的工作选择一页。以后可以从“帮助 › 入门指引”再次打开，按 F1 查看当前页面的说明。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../help/first_run.py" line="71"/>
        <source>县依法治县办（审核）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../help/first_run.py" line="72"/>
        <source>责任单位（填报）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../help/first_run.py" line="73"/>
        <source>打印与装订</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../help/first_run.py" line="85"/>
        <source>打开用户手册</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <location filename="../common/formatting.py" line="43"/>
        <source>任务 {task}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/formatting.py" line="44"/>
        <source>第 {n} 项</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <location filename="../help/help_window.py" line="48"/>
        <source>用户手册 — 法治政府建设示范创建自评系统</source>
        <extracomment>A page was shown; carries its file name and anchor (``review.html#undo``).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../help/help_window.py" line="51"/>
        <source>搜索手册，例如：撤销、退回、打印</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../help/help_window.py" line="54"/>
        <location filename="../help/help_window.py" line="104"/>
        <source>目录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../help/help_window.py" line="64"/>
        <source>后退</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../help/help_window.py" line="67"/>
        <source>前进</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../help/help_window.py" line="70"/>
        <source>目录页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../help/help_window.py" line="114"/>
        <source>找到 {n} 页</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../review/review_models.py" line="183"/>
        <source>本项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_models.py" line="199"/>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_models.py" line="199"/>
        <source>对象</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_models.py" line="199"/>
        <source>结论</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_models.py" line="199"/>
        <source>意见</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_models.py" line="199"/>
        <source>人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_models.py" line="208"/>
        <source>评定等级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_models.py" line="210"/>
        <source>审核 {unit}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportConfirmDialog</name>
    <message>
        <location filename="../units/units_editor.py" line="157"/>
        <source>确认单位名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="160"/>
        <source>以下名称与本县已有单位相近，请逐一确认：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="162"/>
        <source>表格中的名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="162"/>
        <source>对应单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="162"/>
        <source>理由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="169"/>
        <source>新增单位</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportSubmissionsDialog</name>
    <message>
        <location filename="../exchange/import_dialog.py" line="52"/>
        <source>导入提交包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/import_dialog.py" line="58"/>
        <source>添加文件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/import_dialog.py" line="60"/>
        <source>移除所选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/import_dialog.py" line="68"/>
        <source>可一次选择多个单位的提交包（.zip），也可以把文件拖到这里。每个包先整体核验，不合格的整包拒收。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/import_dialog.py" line="75"/>
        <source>文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/import_dialog.py" line="76"/>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/import_dialog.py" line="77"/>
        <source>结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/import_dialog.py" line="78"/>
        <source>新增</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/import_dialog.py" line="79"/>
        <source>未变</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/import_dialog.py" line="80"/>
        <source>被替代</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/import_dialog.py" line="81"/>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/import_dialog.py" line="117"/>
        <source>选择提交包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/import_dialog.py" line="139"/>
        <source>请先添加提交包文件。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/import_dialog.py" line="172"/>
        <source>共 {n} 个包：导入 {ok} 个，拒收 {bad} 个</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/import_dialog.py" line="177"/>
        <source>，此前已导入 {dup} 个（未重复导入）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/import_dialog.py" line="179"/>
        <source>。拒收的包没有带来任何更改，原因见“说明”，请联系报送单位重新生成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/import_dialog.py" line="185"/>
        <source>正在核验并导入……</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IndicatorPanel</name>
    <message>
        <location filename="../catalog/indicator_panel.py" line="104"/>
        <source>自评说明…</source>
        <extracomment>The widest a column other than the file name gets (longer texts elide in the middle). The user clicked a shared (合并提供) indicator. The selected evidence row changed (``EvidenceRow`` or ``None``). An evidence row was double-clicked or Enter was pressed on it. 自评说明… was clicked: edit the shown indicator&apos;s note in the report&apos;s text (carries its number). 选择归属… was clicked on the note of an open placement question (carries the indicator number).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/indicator_panel.py" line="106"/>
        <source>编写本项在自评报告中的自评说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/indicator_panel.py" line="127"/>
        <source>这些指标的资料合并提供：给其中一项添加的资料对整组都有效</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/indicator_panel.py" line="181"/>
        <source>资料要求</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/indicator_panel.py" line="225"/>
        <source>添加资料…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/indicator_panel.py" line="218"/>
        <source>还没有资料。把 PDF、Word、Excel、OFD 文件或照片拖到窗口里，或点“添加资料”。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/indicator_panel.py" line="134"/>
        <source>选择归属…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/indicator_panel.py" line="227"/>
        <source>为本指标添加资料（PDF、Word、Excel、OFD、照片）(Ctrl+I)；也可以把文件拖进窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/indicator_panel.py" line="230"/>
        <source>打开原文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/indicator_panel.py" line="231"/>
        <source>用系统程序打开所选资料 (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/indicator_panel.py" line="233"/>
        <source>撤回…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/indicator_panel.py" line="234"/>
        <source>撤回所选资料（需说明原因；文件和记录保留在历史中）(Del)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/indicator_panel.py" line="238"/>
        <source>已有资料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/indicator_panel.py" line="262"/>
        <source>在左侧选择一项三级指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/indicator_panel.py" line="326"/>
        <source>未列出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/indicator_panel.py" line="327"/>
        <source>&lt;b&gt;责任单位：&lt;/b&gt;{units}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/indicator_panel.py" line="330"/>
        <source>&lt;b&gt;牵头单位：&lt;/b&gt;{units}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/indicator_panel.py" line="333"/>
        <source>&lt;b&gt;完成时限：&lt;/b&gt;{deadline}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/indicator_panel.py" line="335"/>
        <source>&lt;b&gt;资料起始年份：&lt;/b&gt;{year} 年以来</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/indicator_panel.py" line="341"/>
        <source>&lt;b&gt;合并提供：&lt;/b&gt;与 {links} 共用资料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/indicator_panel.py" line="373"/>
        <source>办公室选定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/indicator_panel.py" line="373"/>
        <source>指标体系默认</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/indicator_panel.py" line="376"/>
        <source>&lt;b&gt;归属待定：&lt;/b&gt;{question}&lt;br&gt;本项目按 {group}“{name}”计分（{how}），另可归入 {others}；点“选择归属…”查看两种归属的依据和小计并选择。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/indicator_panel.py" line="394"/>
        <source>查看两种归属的依据和一级指标小计，选择本项目按哪种计分（可撤销）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/indicator_panel.py" line="444"/>
        <source>实地核查，无需上传</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/indicator_panel.py" line="447"/>
        <source>已满足 {done}/{total} 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../catalog/indicator_panel.py" line="458"/>
        <source>{n} 件</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IndicatorPointsModel</name>
    <message>
        <location filename="../scoring/scheme_editor.py" line="145"/>
        <source>编号</source>
        <extracomment>An edit changed a value.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="145"/>
        <source>三级指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="145"/>
        <source>分值</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InlineProgress</name>
    <message>
        <location filename="../common/dialog_parts.py" line="77"/>
        <location filename="../common/dialog_parts.py" line="97"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/dialog_parts.py" line="118"/>
        <source>正在取消…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/dialog_parts.py" line="119"/>
        <source>正在取消，已做的更改将撤销……</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IssueKitsDialog</name>
    <message>
        <location filename="../exchange/kits_dialog.py" line="36"/>
        <source>签发任务包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/kits_dialog.py" line="45"/>
        <source>{name}（{n} 项指标）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/kits_dialog.py" line="51"/>
        <source>全选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/kits_dialog.py" line="53"/>
        <source>全不选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/kits_dialog.py" line="59"/>
        <source>报送截止日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/kits_dialog.py" line="71"/>
        <source>生成新密钥（此前签发给这些单位的任务包作废，单位须改用新任务包）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/kits_dialog.py" line="75"/>
        <source>输出文件夹：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/kits_dialog.py" line="77"/>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/kits_dialog.py" line="77"/>
        <source>结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/kits_dialog.py" line="77"/>
        <source>指标数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/kits_dialog.py" line="77"/>
        <source>文件或原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/kits_dialog.py" line="88"/>
        <source>为哪些单位签发：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/kits_dialog.py" line="107"/>
        <source>已选 {n} / {all} 个单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/kits_dialog.py" line="132"/>
        <source>请至少选择一个单位。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/kits_dialog.py" line="166"/>
        <source>已签发 {done} 个任务包，失败 {failed} 个；文件在 {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/kits_dialog.py" line="175"/>
        <source>正在签发任务包……</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ItemRolesModel</name>
    <message>
        <location filename="../units/role_models.py" line="102"/>
        <source>任务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/role_models.py" line="102"/>
        <source>指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/role_models.py" line="103"/>
        <source>内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/role_models.py" line="104"/>
        <source>牵头单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/role_models.py" line="105"/>
        <source>配合单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/role_models.py" line="128"/>
        <source>未定牵头单位</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LearnerIndicator</name>
    <message>
        <location filename="../export/bundle_learner.py" line="151"/>
        <source>停止</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/bundle_learner.py" line="152"/>
        <source>停止预检（导出汇编时再检查未预检的资料）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/bundle_learner.py" line="163"/>
        <source>正在后台预先检查各证据文件（PDF/A 校验、表格排版），导出印证资料汇编时会快很多</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/bundle_learner.py" line="175"/>
        <source>预检汇编资料 {done}/{total}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../shell/main_window.py" line="140"/>
        <location filename="../shell/main_window.py" line="421"/>
        <source>未打开项目</source>
        <extracomment>Widths of tree, middle and preview before anything is remembered (scaled to the window by the splitter). At 1366 px the tree&apos;s names get ~250 px (they were cut at ~190), the middle&apos;s evidence list fits all its columns, the preview shows an A4 page at a readable width. How extra width is shared when the window grows (the middle gets most). How long after the tree is filled the first indicator is selected (its first paint comes between). The evidence list of the current indicator was (re)loaded. A project finished opening (carries the snapshot).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="154"/>
        <source>没有打开项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="159"/>
        <source>新建一个示范创建项目，或打开已有的项目文件夹。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="162"/>
        <source>新建项目… (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="164"/>
        <source>打开项目文件夹… (Ctrl+O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="354"/>
        <source>打开项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="274"/>
        <source>正在打开 {folder}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="296"/>
        <source>正在打开项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="315"/>
        <source>无法打开项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="318"/>
        <source>已取消打开项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="328"/>
        <source>关闭项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="348"/>
        <source>打开项目文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="356"/>
        <source>这不是项目文件夹（里面没有 project.sqlite）：{folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="366"/>
        <source>（无）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="385"/>
        <source>{unit} · {county} {year}年 · 单位工作区</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="391"/>
        <source>{county} {year}年</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="399"/>
        <source>已打开 {title}（{folder}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="574"/>
        <source>关闭窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="389"/>
        <source>单位工作区：{unit}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="392"/>
        <source>依法治县办</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="512"/>
        <source>已刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="514"/>
        <source>正在刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="563"/>
        <source>关于</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="565"/>
        <source>&lt;b&gt;法治政府建设示范创建自评系统&lt;/b&gt;&lt;br&gt;版本 {version}&lt;br&gt;&lt;br&gt;对照《市县法治政府建设示范指标体系》整理印证资料、逐项审核、评分并生成自评报告。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MarkChanges</name>
    <message>
        <location filename="../scoring/mark_changes.py" line="51"/>
        <source>否决项 {id} 标记为已触发</source>
        <extracomment>Called on the UI thread after a step: the mark written (or the one in force again, or ``None``).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/mark_changes.py" line="53"/>
        <source>否决项 {id} 标记为未触发</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/mark_changes.py" line="75"/>
        <source>加分项 {id} 申报 {points} 分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/mark_changes.py" line="79"/>
        <source>撤回加分项 {id} 的申报</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NarrativeDock</name>
    <message>
        <location filename="../export/narrative_dock.py" line="21"/>
        <location filename="../export/narrative_dock.py" line="38"/>
        <location filename="../export/narrative_dock.py" line="50"/>
        <source>自评报告正文</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_dock.py" line="51"/>
        <source>以下部分有未保存的修改：{names}。关闭前保存吗？</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NarrativeEditor</name>
    <message>
        <location filename="../export/narrative_editor.py" line="133"/>
        <source>在左侧选择报告的一个部分</source>
        <extracomment>The stored text was read (after opening and after every save). A save finished; carries the keys that got a new version. The draft of the current part was put into its editor (carries the key). The set of parts with unsaved changes changed (carries whether there are any). Text stored elsewhere was taken in (carries the keys whose stored version changed). Counts the stored states taken from a load or a save: a re-read begun before one of them is out of date when it arrives, and dropped.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_editor.py" line="138"/>
        <source>生成草稿</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_editor.py" line="141"/>
        <location filename="../export/narrative_editor.py" line="465"/>
        <source>根据项目数据（数量、得分、资料标题）为空白的部分生成初稿，请在此基础上改写</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_editor.py" line="143"/>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_editor.py" line="145"/>
        <source>保存全部有改动的部分（保留历史版本并记入操作记录）(Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_editor.py" line="147"/>
        <source>放弃修改…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_editor.py" line="149"/>
        <source>放弃本部分未保存的修改，恢复为已保存的文字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_editor.py" line="150"/>
        <source>历史…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_editor.py" line="152"/>
        <source>查看本部分保存过的各个版本，可恢复其中一个</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_editor.py" line="233"/>
        <source>项目以只读方式打开（另一窗口或程序正在使用它），只能查看。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_editor.py" line="235"/>
        <source>单位工作区只能查看：自评报告文字由依法治县办撰写。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_editor.py" line="251"/>
        <source>正在读取报告文字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_editor.py" line="291"/>
        <source>正在检查报告文字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_editor.py" line="310"/>
        <source>已载入别处保存的新文字：{names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_editor.py" line="319"/>
        <source>报告文字已在别处修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_editor.py" line="321"/>
        <source>以下部分已在别处（如命令行导入）保存了新的文字，而这里有未保存的修改：{names}。保留这里的修改（保存后成为最新版本，别处的文字留在历史中），还是采用新保存的文字？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_editor.py" line="328"/>
        <source>保留我的修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_editor.py" line="330"/>
        <source>采用新保存的文字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_editor.py" line="351"/>
        <source>已采用别处保存的文字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_editor.py" line="384"/>
        <source>尚未填写本项自评说明。可点“生成草稿”根据评定和资料生成初稿，再改写。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_editor.py" line="388"/>
        <source>尚未撰写。可点“生成草稿”根据项目数据生成初稿，再改写成本县的文字。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_editor.py" line="451"/>
        <source>尚未保存过</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_editor.py" line="454"/>
        <source>上次保存：{by}，{at}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_editor.py" line="467"/>
        <source>本部分已有文字：清空后才能生成草稿</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_editor.py" line="493"/>
        <source>正在根据项目数据生成草稿</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_editor.py" line="503"/>
        <source>已填入草稿：请改写其中的数字说明，并补全“（请补充：…）”处，再保存。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_editor.py" line="530"/>
        <source>正在保存报告文字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_editor.py" line="547"/>
        <source>已保存：{names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_editor.py" line="547"/>
        <source>没有改动</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_editor.py" line="558"/>
        <source>放弃修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_editor.py" line="559"/>
        <source>放弃“{title}”未保存的修改，恢复为已保存的文字？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_editor.py" line="579"/>
        <source>已恢复为已保存的文字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_editor.py" line="607"/>
        <source>已把所选历史版本放回编辑器：保存后成为最新版本。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NarrativeHistoryDialog</name>
    <message>
        <location filename="../export/narrative_history.py" line="84"/>
        <source>历史版本：{title}</source>
        <extracomment>The versions were read (carries their number). The user chose a version to restore (carries its text).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_history.py" line="101"/>
        <source>正在读取历史版本…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_history.py" line="108"/>
        <source>恢复此版本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_history.py" line="110"/>
        <source>把所选版本的文字放回编辑器（保存后成为最新版本）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_history.py" line="129"/>
        <source>正在读取历史版本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_history.py" line="136"/>
        <source>共 {count} 个版本，最新的在最上面。选中一个版本查看其文字。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_history.py" line="140"/>
        <source>还没有保存过的版本。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NarrativeSectionModel</name>
    <message>
        <location filename="../export/narrative_sections.py" line="82"/>
        <source>三级指标自评说明</source>
        <extracomment>Shown before the title of a part with unsaved changes.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_sections.py" line="151"/>
        <source>{title}：{status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_sections.py" line="152"/>
        <source>（有未保存的修改）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_sections.py" line="169"/>
        <source>未撰写</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_sections.py" line="171"/>
        <source>含待补充的草稿文字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_sections.py" line="172"/>
        <source>已撰写</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewProjectDialog</name>
    <message>
        <location filename="../shell/start_dialog.py" line="173"/>
        <source>新建项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="181"/>
        <source>例如：陵川县</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="182"/>
        <source>申报示范创建的县（市、区）名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="186"/>
        <source> 年</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="187"/>
        <source>创建年度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="189"/>
        <source>对照的指标体系；也可选择县里修改过的指标体系文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="193"/>
        <source>项目的所有资料都保存在这个文件夹里，可整体复制备份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="194"/>
        <source>浏览…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="205"/>
        <source>县（市、区）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="206"/>
        <source>年度：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="207"/>
        <source>指标体系：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="208"/>
        <source>项目文件夹：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="214"/>
        <source>创建</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="237"/>
        <source>从文件选择…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="243"/>
        <source>选择指标体系文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="243"/>
        <source>指标体系文件 (*.yaml *.yml *.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="254"/>
        <source>选择项目文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="269"/>
        <source>新项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="270"/>
        <source>{county}{year}年示范创建</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="276"/>
        <source>请填写县（市、区）名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="279"/>
        <source>请选择项目文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="282"/>
        <source>这不是文件夹：{folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="284"/>
        <source>这个文件夹已经是一个项目，请用“打开项目”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="310"/>
        <source>正在创建项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="323"/>
        <source>无法创建项目</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <location filename="../evidence/preview.py" line="299"/>
        <source>上一页 (PgUp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/preview.py" line="303"/>
        <source>下一页 (PgDown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/preview.py" line="308"/>
        <source>页码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/preview.py" line="312"/>
        <source>缩小 (Ctrl+-)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/preview.py" line="316"/>
        <source>放大 (Ctrl++)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/preview.py" line="319"/>
        <source>适合宽度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/preview.py" line="319"/>
        <source>页面宽度适合窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/preview.py" line="322"/>
        <source>整页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/preview.py" line="322"/>
        <source>整页显示</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/preview.py" line="333"/>
        <source>第</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/preview.py" line="438"/>
        <source>页，共 {count} 页</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlacementDialog</name>
    <message>
        <location filename="../review/placement_dialog.py" line="37"/>
        <source>没有打开项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/placement_dialog.py" line="39"/>
        <source>单位工作区不能选择待定指标的归属（由依法治县办选定）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/placement_dialog.py" line="43"/>
        <location filename="../review/placement_dialog.py" line="167"/>
        <source>项目以只读方式打开，不能选择待定指标的归属</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/placement_dialog.py" line="63"/>
        <source>选择待定指标的归属</source>
        <extracomment>The question was read and shown (carries the ``PlacementQuestion``).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/placement_dialog.py" line="65"/>
        <source>正在读取…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/placement_dialog.py" line="91"/>
        <source>确定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/placement_dialog.py" line="93"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/placement_dialog.py" line="121"/>
        <source>读取待定问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/placement_dialog.py" line="130"/>
        <source>&lt;b&gt;第 {n} 项的归属待定：&lt;/b&gt;{question}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/placement_dialog.py" line="135"/>
        <source>依法治县办选定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/placement_dialog.py" line="135"/>
        <source>指标体系默认</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/placement_dialog.py" line="137"/>
        <source>当前按 {group}“{name}”计分（{how}）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/placement_dialog.py" line="178"/>
        <source>原表位置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/placement_dialog.py" line="180"/>
        <source>当前</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/placement_dialog.py" line="181"/>
        <source>{group}“{name}”（一级指标{area}“{area_name}”）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/placement_dialog.py" line="187"/>
        <source>依据：{basis}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/placement_dialog.py" line="189"/>
        <source>原文：“{quote}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/placement_dialog.py" line="192"/>
        <source>一级指标{code}小计 {score} 分（满分 {max} 分）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/placement_dialog.py" line="198"/>
        <source>按此归属：{parts}；总分 {total} 分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/placement_dialog.py" line="205"/>
        <source>尚未选择过，按指标体系默认（原表位置）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/placement_dialog.py" line="208"/>
        <source>{actor} 于 {at} 撤销了选择，恢复指标体系默认。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/placement_dialog.py" line="211"/>
        <source>{actor} 于 {at} 选定 {group}。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanTracker</name>
    <message>
        <location filename="../common/plan_tasks.py" line="213"/>
        <source>读取任务进度</source>
        <extracomment>Carries the new rows (``dict[int, TaskRow]`` by task number). The project closed, or the open one is not a plan.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewPanel</name>
    <message>
        <location filename="../evidence/preview.py" line="457"/>
        <source>在资料列表中选择一份资料，即可在此预览</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/preview.py" line="473"/>
        <source>找不到资料文件：{path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/preview.py" line="479"/>
        <source>无法显示此 PDF（{error}），可用系统程序打开。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/preview.py" line="487"/>
        <source>此类文件不能预览</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintDocuments</name>
    <message>
        <location filename="../printing/print_documents.py" line="56"/>
        <source>打印时间：{at}</source>
        <extracomment>The family of the bundled ``exports/fonts/NotoSansSC-*.ttf`` (ui/shell/app_setup registers them).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../printing/print_documents.py" line="74"/>
        <source>（不针对具体指标）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../printing/print_documents.py" line="75"/>
        <source>（全县/不限单位）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../printing/print_documents.py" line="83"/>
        <source>级别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../printing/print_documents.py" line="84"/>
        <source>指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../printing/print_documents.py" line="85"/>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../printing/print_documents.py" line="86"/>
        <source>问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../printing/print_documents.py" line="91"/>
        <source>{county}{year}年 报送前自查清单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../printing/print_documents.py" line="105"/>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../printing/print_documents.py" line="106"/>
        <source>人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../printing/print_documents.py" line="107"/>
        <source>操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../printing/print_documents.py" line="108"/>
        <source>对象</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../printing/print_documents.py" line="109"/>
        <source>详情</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../printing/print_documents.py" line="113"/>
        <source>{county}{year}年 操作记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../printing/print_documents.py" line="128"/>
        <source>第 {n} 页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../printing/print_documents.py" line="130"/>
        <source>{county}{year}年 自评报告</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintFlow</name>
    <message>
        <location filename="../printing/print_jobs.py" line="49"/>
        <source>打印</source>
        <extracomment>Whether PDF pages can be printed as they are (else: the report&apos;s text). Resolution PDF pages are rendered at for printing (sharp on paper, bounded memory per page). …and for the on-screen preview (quick to page through). Paints everything on the printer; returns the number of pages. Paints in a worker thread, reporting progress and stopping when cancelled; returns the pages. The dialog step before printing: set up ``printer``; False when the user cancelled. The preview step: show ``paint``&apos;s pages for ``printer`` (the dialog prints if asked to).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../printing/print_jobs.py" line="56"/>
        <source>打印预览</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../printing/print_jobs.py" line="85"/>
        <source>第 {n} 页，共 {count} 页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../printing/print_jobs.py" line="116"/>
        <source>无法读取要打印的文件：{file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../printing/print_jobs.py" line="132"/>
        <source>第 {n} 页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../printing/print_jobs.py" line="152"/>
        <source>打印机无法开始打印：{name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../printing/print_jobs.py" line="226"/>
        <source>正在打印：{title}</source>
        <extracomment>A document was printed (not a preview); carries the ``PrintOutcome``.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProjectUndo</name>
    <message>
        <location filename="../common/undo.py" line="149"/>
        <source>撤销</source>
        <extracomment>A core call made in the write pool: gets the open project, returns what ``after`` receives. What the change does, for menus and the status bar (&quot;第 9 项评定为 达标&quot;). Makes the change (worker thread). Takes it back (worker thread; runs after ``do`` in the single write pool). On the UI thread, after either: (result, undone) → tell the hub, emit the pane&apos;s signals. The change was already written by its caller (``ProjectUndo.record``): the push&apos;s redo skips. What just changed, for the status bar (the window shows it). A step (do, undo or redo) was written and announced; carries the ``Change``. Whether there is something to undo or redo changed (the menu updates).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/undo.py" line="150"/>
        <source>已撤销：{text}（Ctrl+Y 重做）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/undo.py" line="152"/>
        <source>重做</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/undo.py" line="153"/>
        <source>已重做：{text}（Ctrl+Z 撤销）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/undo.py" line="155"/>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/undo.py" line="156"/>
        <source>{text}（Ctrl+Z 撤销）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecentProjectDelegate</name>
    <message>
        <location filename="../shell/start_dialog.py" line="154"/>
        <source>（找不到）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecentProjectsModel</name>
    <message>
        <location filename="../shell/start_dialog.py" line="105"/>
        <source>{path}（文件夹不存在，可能在未插入的U盘上）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RefusedFilesDialog</name>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="373"/>
        <source>部分文件未添加</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="376"/>
        <source>已添加 {ok} 个文件；以下 {bad} 个文件未添加，原因如下。其他内容未受影响。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="382"/>
        <source>文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="382"/>
        <source>原因</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequirementChecklistModel</name>
    <message>
        <location filename="../evidence/detail_models.py" line="74"/>
        <source>资料要求</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/detail_models.py" line="74"/>
        <source>数量</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/detail_models.py" line="85"/>
        <source>实地核查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/detail_models.py" line="99"/>
        <source>此项为实地核查，准备好现场资料即可，无需上传文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/detail_models.py" line="100"/>
        <source>要求 {need} 件，已有 {have} 件</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../review/return_dialog.py" line="23"/>
        <source>退回补充</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/return_dialog.py" line="26"/>
        <source>退回 {unit} 为{item}提交的资料。请写明需要补充或修改的内容：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/return_dialog.py" line="33"/>
        <source>例如：缺少2021年度的合法性审核意见书，请补充</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/return_dialog.py" line="38"/>
        <source>退回</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReturnNotesDialog</name>
    <message>
        <location filename="../exchange/returns_dialog.py" line="34"/>
        <source>发送退回通知</source>
        <extracomment>The units with reviews were listed.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/returns_dialog.py" line="39"/>
        <source>正在读取审核结论……</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/returns_dialog.py" line="41"/>
        <source>输出文件夹：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/returns_dialog.py" line="43"/>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/returns_dialog.py" line="43"/>
        <source>结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/returns_dialog.py" line="43"/>
        <source>退回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/returns_dialog.py" line="43"/>
        <source>通过</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/returns_dialog.py" line="43"/>
        <source>文件或原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/returns_dialog.py" line="49"/>
        <source>退回通知列出该单位每项指标的当前审核结论和意见，由单位导入其工作区后按意见补充。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/returns_dialog.py" line="86"/>
        <source>{name}：退回 {r} 项，通过 {a} 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/returns_dialog.py" line="93"/>
        <source>选择要发送退回通知的单位（默认选中有退回项的单位）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/returns_dialog.py" line="95"/>
        <source>还没有审核结论：先在“评审”中通过或退回各单位的资料。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/returns_dialog.py" line="100"/>
        <source>读取审核结论</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/returns_dialog.py" line="113"/>
        <source>请至少选择一个单位。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/returns_dialog.py" line="146"/>
        <source>已生成 {done} 份退回通知；请通过 U 盘或电子邮件送达各单位。文件在 {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/returns_dialog.py" line="154"/>
        <source>正在生成退回通知……</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewChanges</name>
    <message>
        <location filename="../review/review_changes.py" line="53"/>
        <source>修改{item}的评审意见</source>
        <extracomment>Called on the UI thread after a step: the record written (or the one in force again) and ``undone``.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_changes.py" line="55"/>
        <source>{item}评定为 {level}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_changes.py" line="91"/>
        <source>通过{unit}{item}的资料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_changes.py" line="95"/>
        <source>退回{unit}{item}的资料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_changes.py" line="126"/>
        <source>{item}归入 {group}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewLayout</name>
    <message>
        <location filename="../review/review_layout.py" line="96"/>
        <source>◀ 上一项</source>
        <extracomment>The key that gives each level (shown in the buttons&apos; tooltips). Unit rows the review table always shows (a county indicator has one to five units).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_layout.py" line="97"/>
        <source>上一项指标 (Alt+↑)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_layout.py" line="98"/>
        <source>下一项 ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_layout.py" line="99"/>
        <source>下一项指标 (Alt+↓)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_layout.py" line="120"/>
        <source>评定等级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_layout.py" line="127"/>
        <source>评定为“{level}”并保存（快捷键 {key}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_layout.py" line="138"/>
        <source>评定意见（可选）：依据、不足之处、整改要求……</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_layout.py" line="143"/>
        <source>评定与审核记录在此姓名下</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_layout.py" line="145"/>
        <source>保存意见</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_layout.py" line="146"/>
        <source>以所选等级保存评定意见 (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_layout.py" line="148"/>
        <source>评定人：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_layout.py" line="152"/>
        <source>单位工作区只能查看：等级与审核由依法治县办评定。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_layout.py" line="171"/>
        <source>通过 (A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_layout.py" line="173"/>
        <source>所选单位的资料审核通过 (A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_layout.py" line="174"/>
        <source>退回补充… (R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_layout.py" line="176"/>
        <source>把所选单位的资料退回补充，需写明意见 (R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_layout.py" line="178"/>
        <source>各单位资料审核</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_layout.py" line="197"/>
        <source>该单位的资料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_layout.py" line="235"/>
        <source>评审记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_layout.py" line="248"/>
        <source>在左侧选择一项三级指标进行评审</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewPane</name>
    <message>
        <location filename="../review/review_pane.py" line="136"/>
        <source>评定为{level}</source>
        <extracomment>The key that gives each level (shown in the buttons&apos; tooltips). The pane moved to another indicator by itself (next/previous); the window selects it too. The indicator&apos;s review data was (re)loaded (for tests and the status bar). A write finished and the hub was told. A file of the selected unit was selected (``EvidenceRow`` or ``None``): the window previews it. A file was double-clicked or Enter was pressed on it: the window opens it. The window&apos;s undo stack (a pane on its own keeps one of its own).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_pane.py" line="138"/>
        <source>下一项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_pane.py" line="139"/>
        <source>上一项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_pane.py" line="143"/>
        <source>保存意见</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_pane.py" line="145"/>
        <source>通过</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_pane.py" line="146"/>
        <source>退回补充</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_pane.py" line="244"/>
        <source>读取评审记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_pane.py" line="291"/>
        <source>{by} 于 {at} 评定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_pane.py" line="297"/>
        <source>得分 {p} / {m}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_pane.py" line="299"/>
        <source>不适用：不计入满分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_pane.py" line="312"/>
        <source>资料 {n} 件，资料要求已满足 {met}/{all} 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_pane.py" line="320"/>
        <source>退回待补：{units}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_pane.py" line="499"/>
        <source>{unit}的资料（{n} 件，双击用系统程序打开）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_pane.py" line="502"/>
        <source>该单位的资料</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SchemeEditorDialog</name>
    <message>
        <location filename="../scoring/scheme_editor.py" line="210"/>
        <source>评分方案</source>
        <extracomment>The new scheme is in force and the hub was told (carries the ``ScoringScheme``).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="221"/>
        <source>注意：{text}。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="228"/>
        <source>可选：方案依据，如“参照市评估办法（2023）”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="231"/>
        <source>每项三级指标的分值；下表中单独设定的指标除外</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="234"/>
        <source>基础分 = 折算满分 × 得分 ÷ 适用指标满分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="235"/>
        <source>设合格线</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="242"/>
        <source>方案名称：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="243"/>
        <source>每项分值：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="244"/>
        <source>基础分折算满分：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="248"/>
        <source>合格线：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="249"/>
        <source>说明：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="252"/>
        <source>等级系数（0～1）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="260"/>
        <source>不适用：不计分，也不计入满分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="265"/>
        <source>加分上限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="272"/>
        <source>{id} 单项上限：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="275"/>
        <source>加分合计上限：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="294"/>
        <source>单项分值（双击修改；蓝色为单独设定）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="306"/>
        <source>恢复参考方案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="307"/>
        <source>填入内置参考方案的数值（保存后生效）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="309"/>
        <source>从文件载入…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="310"/>
        <source>读取 YAML/JSON 方案文件到编辑器（保存后生效）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="312"/>
        <source>另存为文件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="317"/>
        <source>保存并启用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="358"/>
        <source>单位工作区不能更改评分方案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="423"/>
        <source>无法保存：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="434"/>
        <source>方案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="435"/>
        <source>方案名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="436"/>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="437"/>
        <source>指标体系</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="438"/>
        <source>每项分值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="439"/>
        <source>基础分折算满分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="440"/>
        <source>合格线</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="441"/>
        <source>加分合计上限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="447"/>
        <source>{item}分值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="449"/>
        <source>等级系数“{level}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="451"/>
        <source>{id} 单项上限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="462"/>
        <source>{count} 项三级指标满分合计 {full} 分（{overrides} 项单独设定），基础分折算为 {scale} 分；加分最多 {bonus} 分；最高总分 {top} 分。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="473"/>
        <source>（与内置参考方案相同）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="487"/>
        <location filename="../scoring/scheme_editor.py" line="496"/>
        <source>载入评分方案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="503"/>
        <source>另存评分方案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/scheme_editor.py" line="539"/>
        <source>保存评分方案</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScoreKeeper</name>
    <message>
        <location filename="../scoring/score_models.py" line="146"/>
        <source>计算得分</source>
        <extracomment>Colours of the four levels (and of &quot;not yet assessed&quot;), used by every pane. Carries the new ``AssessmentSnapshot``. The project closed: nothing to show.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScoreTreeModel</name>
    <message>
        <location filename="../scoring/score_models.py" line="333"/>
        <source>指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_models.py" line="333"/>
        <source>等级 / 状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_models.py" line="333"/>
        <source>系数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_models.py" line="333"/>
        <source>得分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_models.py" line="333"/>
        <source>满分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_models.py" line="348"/>
        <source>已评 {done}/{count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_models.py" line="365"/>
        <source>不计</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_models.py" line="368"/>
        <source>附加项：加分项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_models.py" line="371"/>
        <source>合计上限 {cap}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_models.py" line="388"/>
        <source>申报 {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_models.py" line="388"/>
        <source>未申报</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_models.py" line="391"/>
        <source>附加项：否决项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_models.py" line="394"/>
        <location filename="../scoring/score_models.py" line="423"/>
        <source>一票否决</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_models.py" line="394"/>
        <location filename="../scoring/score_models.py" line="400"/>
        <source>未触发</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_models.py" line="400"/>
        <location filename="../scoring/score_models.py" line="423"/>
        <source>已触发</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScoreView</name>
    <message>
        <location filename="../scoring/score_view.py" line="69"/>
        <source>评分方案…</source>
        <extracomment>An indicator row was double-clicked: the window shows that indicator.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_view.py" line="71"/>
        <source>查看或修改分值、等级系数和加分上限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_view.py" line="77"/>
        <source>总分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_view.py" line="78"/>
        <source>基础分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_view.py" line="79"/>
        <source>加分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_view.py" line="80"/>
        <source>评估结论</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_view.py" line="169"/>
        <source>注意：{text}。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_view.py" line="175"/>
        <source>内置参考方案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_view.py" line="175"/>
        <source>本县设定的方案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_view.py" line="177"/>
        <source>注意：{text}。当前使用：{name}（{origin}）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_view.py" line="183"/>
        <source>满分 {max}（基础 {base} + 加分 {bonus}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_view.py" line="192"/>
        <source>已评估 {done}/{count} 项，不适用 {na} 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_view.py" line="197"/>
        <source>合计上限 {cap}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_view.py" line="200"/>
        <source>否决项 {items} 已触发</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_view.py" line="205"/>
        <source>合格线 {mark}：{state}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_view.py" line="206"/>
        <source>达到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_view.py" line="206"/>
        <source>未达到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_view.py" line="232"/>
        <source>{item}的得分如何计入总分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_view.py" line="234"/>
        <source>总分的构成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_view.py" line="234"/>
        <source>加分的构成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_view.py" line="236"/>
        <source>加分项 {id} 如何计入总分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_view.py" line="238"/>
        <source>否决项 {id} 对结论的影响</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/score_view.py" line="239"/>
        <source>{code} 小计的构成</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <location filename="../search/search_models.py" line="72"/>
        <source>指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search/search_models.py" line="72"/>
        <source>任务</source>
        <extracomment>The project&apos;s catalog: a plan&apos;s tasks are named by their ids as printed (&quot;一.3&quot;).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search/search_models.py" line="73"/>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search/search_models.py" line="73"/>
        <source>文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search/search_models.py" line="73"/>
        <source>页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search/search_models.py" line="73"/>
        <source>摘录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search/search_models.py" line="108"/>
        <source>（文字识别）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchWindow</name>
    <message>
        <location filename="../search/search_window.py" line="54"/>
        <location filename="../search/search_window.py" line="213"/>
        <source>全文搜索</source>
        <extracomment>A search finished and its results are shown (carries the number of hits). A result was opened in the preview (evidence id, 1-based page).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search/search_window.py" line="63"/>
        <source>搜索资料全文，如 复议、备案、合法性审查、文号（多个词用空格分隔）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search/search_window.py" line="69"/>
        <source>只搜该单位的资料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search/search_window.py" line="72"/>
        <source>只搜该指标（含合并提供组）的资料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search/search_window.py" line="76"/>
        <source>搜索</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search/search_window.py" line="139"/>
        <source>全部单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search/search_window.py" line="145"/>
        <source>全部指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search/search_window.py" line="145"/>
        <source>全部任务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search/search_window.py" line="188"/>
        <source>请输入要搜索的词</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search/search_window.py" line="194"/>
        <source>正在搜索“{query}”…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search/search_window.py" line="209"/>
        <source>搜索失败：{error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search/search_window.py" line="220"/>
        <source>没有找到“{query}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search/search_window.py" line="223"/>
        <source>找到 {n} 处以上“{query}”，只显示前 {n} 处；可按单位或指标缩小范围</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search/search_window.py" line="229"/>
        <source>找到 {n} 处“{query}”；双击一条在右侧预览该页</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SelfCheckView</name>
    <message>
        <location filename="../status/selfcheck_view.py" line="357"/>
        <source>按严重程度分组</source>
        <extracomment>The user clicked a finding about an indicator: the window selects it. The user clicked a finding about a bonus/veto item (B1, V1 …): the window shows 附加项. A check finished (carries the findings).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/selfcheck_view.py" line="358"/>
        <location filename="../status/selfcheck_view.py" line="468"/>
        <source>按指标分组</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/selfcheck_view.py" line="359"/>
        <source>按单位分组</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/selfcheck_view.py" line="363"/>
        <source>全部级别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/selfcheck_view.py" line="369"/>
        <location filename="../status/selfcheck_view.py" line="470"/>
        <source>筛选问题、指标或单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/selfcheck_view.py" line="372"/>
        <source>重新检查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/selfcheck_view.py" line="374"/>
        <source>按最新数据重新自查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/selfcheck_view.py" line="384"/>
        <source>项目数据已有变化，点“重新检查”更新结果。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/selfcheck_view.py" line="418"/>
        <source>报送前自查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/selfcheck_view.py" line="430"/>
        <source>未发现问题。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/selfcheck_view.py" line="433"/>
        <source>共 {n} 个问题：错误 {e} 个（报送前必须处理），警告 {w} 个，提示 {i} 个。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/selfcheck_view.py" line="468"/>
        <source>按任务分组</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/selfcheck_view.py" line="470"/>
        <source>筛选问题、任务或单位</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShellActions</name>
    <message>
        <location filename="../shell/actions.py" line="45"/>
        <source>新建项目(&amp;N)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="45"/>
        <source>新建示范创建项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="49"/>
        <source>打开项目(&amp;O)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="51"/>
        <source>打开已有的项目文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="53"/>
        <source>关闭项目(&amp;C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="56"/>
        <source>打印(&amp;P)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="58"/>
        <source>打印当前页面：自评报告、报送前自查清单或操作记录 (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="61"/>
        <source>打印预览(&amp;V)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="61"/>
        <source>在屏幕上查看打印效果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="63"/>
        <source>退出(&amp;Q)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="67"/>
        <source>撤销(&amp;U)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="69"/>
        <source>撤销上一步评定、审核、附加项或单位更改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="71"/>
        <source>重做(&amp;R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="71"/>
        <source>重做刚撤销的更改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="75"/>
        <source>添加资料(&amp;I)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="77"/>
        <source>为所选指标添加资料：PDF、Word、Excel、OFD 或照片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="81"/>
        <source>按文件夹智能归档(&amp;G)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="83"/>
        <source>选择一个文件夹：按每个文件的内容推荐指标，确认后一次添加</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="87"/>
        <source>识别文字（OCR）(&amp;R)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="89"/>
        <source>识别所选资料中没有文字层的页面（扫描件、照片），识别出的文字可全文搜索</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="93"/>
        <source>识别全部无文字资料（OCR）(&amp;T)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="95"/>
        <source>识别全部资料中没有文字层、尚未识别过的页面（离线，较慢，可随时取消）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="102"/>
        <source>用系统程序打开(&amp;E)</source>
        <extracomment>Separates the evidence list&apos;s context menu entries (withdraw | OCR).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="104"/>
        <source>用系统的 PDF 阅读器或表格软件打开所选资料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="108"/>
        <source>撤回资料(&amp;D)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="110"/>
        <source>撤回所选资料（需说明原因）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="114"/>
        <source>责任单位(&amp;U)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="116"/>
        <source>本县的责任单位：添加、改名、简称、集体名称的成员、从表格导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="123"/>
        <source>全文搜索(&amp;S)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="125"/>
        <source>在所有资料的全文中搜索（可搜两字词，如 复议、备案）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="129"/>
        <source>搜索指标(&amp;F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="131"/>
        <source>在指标中搜索</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="133"/>
        <source>全部展开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="134"/>
        <source>全部折叠</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="136"/>
        <source>刷新(&amp;R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="136"/>
        <source>重新读取项目数据 (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="141"/>
        <source>指标与资料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="142"/>
        <source>评分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="143"/>
        <source>附加项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="144"/>
        <source>报送前自查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="145"/>
        <source>进度总览</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="146"/>
        <source>操作记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="154"/>
        <source>评审本项(&amp;R)</source>
        <extracomment>One per page of the project (Ctrl+1 …), in the order of the workbench&apos;s tabs.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="154"/>
        <source>在“资料”和“评审”之间切换 (F2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="157"/>
        <source>评分方案(&amp;S)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="157"/>
        <source>查看或修改分值、等级系数和加分上限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="161"/>
        <source>选择待定指标的归属(&amp;L)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="163"/>
        <source>附件1中位置存疑的指标（第 69 项：四.6 还是五.1）按哪种归属计分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="167"/>
        <source>登记进度(&amp;G)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="169"/>
        <source>登记所选任务的进度、阶段目标和完成日期 (Ctrl+G)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="174"/>
        <source>报送前自查(&amp;C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="176"/>
        <source>检查缺漏、数量不足、未评估的指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="179"/>
        <source>签发任务包(&amp;K)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="182"/>
        <location filename="../shell/actions.py" line="325"/>
        <source>导入提交包(&amp;I)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="184"/>
        <source>导入单位报送的提交包（可一次多个）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="186"/>
        <source>发送退回通知(&amp;R)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="190"/>
        <source>报送(&amp;S)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="192"/>
        <source>先自查，再生成交给依法治县办的提交包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="195"/>
        <source>我的任务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="195"/>
        <source>本单位的任务和进度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="198"/>
        <source>显示预览(&amp;P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="203"/>
        <source>自评报告（PDF）(&amp;P)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="204"/>
        <source>自评报告（Word）(&amp;W)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="205"/>
        <source>任务分解与打分表（Excel）(&amp;X)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="206"/>
        <source>印证资料汇编（PDF）(&amp;B)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="207"/>
        <source>资料文件夹（ZIP）(&amp;Z)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="209"/>
        <source>进度总览图片(&amp;G)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="212"/>
        <source>编写自评报告正文(&amp;N)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="214"/>
        <source>基本情况、主要做法和成效、存在问题和整改措施、下一步打算和各项自评说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="219"/>
        <source>用户手册(&amp;M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="221"/>
        <source>打开用户手册，定位到当前页面的说明 (F1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="226"/>
        <source>入门指引(&amp;G)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="226"/>
        <source>三种用户各自的工作步骤</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="228"/>
        <source>关于(&amp;A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="230"/>
        <source>打开项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="231"/>
        <source>添加资料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="232"/>
        <source>打开原文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="233"/>
        <source>撤回资料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="234"/>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="235"/>
        <source>评审</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="236"/>
        <source>导入提交包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="237"/>
        <source>导出报告</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="238"/>
        <source>报送</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="239"/>
        <source>登记进度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="242"/>
        <source>搜索任务(&amp;F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="242"/>
        <source>在任务中搜索</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="246"/>
        <source>为所选任务添加资料：PDF、Word、Excel、OFD 或照片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="252"/>
        <source>检查逾期、到期的阶段目标和缺少印证资料的任务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="258"/>
        <source>撤销上一步进度登记或审核</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="263"/>
        <source>任务进度报告（PDF）(&amp;P)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="264"/>
        <source>导出任务清单的进度报告（PDF），不打分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="269"/>
        <source>任务进度报告（Word）(&amp;W)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="270"/>
        <source>导出任务清单的进度报告（Word）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="275"/>
        <source>任务进度表（Excel）(&amp;X)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="276"/>
        <source>导出任务清单的进度表：任务编号、责任单位、完成时限和进度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="279"/>
        <source>任务与资料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="283"/>
        <source>打印当前页面：任务进度报告、报送前自查清单或操作记录 (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="298"/>
        <source>进度报告</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="325"/>
        <source>导入退回通知或任务包(&amp;I)…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StartDialog</name>
    <message>
        <location filename="../shell/start_dialog.py" line="331"/>
        <location filename="../shell/start_dialog.py" line="337"/>
        <source>法治政府建设示范创建自评系统</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="343"/>
        <source>对照指标体系整理印证资料、逐项审核、评分并生成自评报告</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="353"/>
        <source>还没有打开过项目。新建一个项目，或打开已有的项目文件夹。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="357"/>
        <source>打开所选项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="360"/>
        <source>新建项目…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="361"/>
        <source>为本县新建一个示范创建自评项目 (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="363"/>
        <source>打开项目文件夹…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="364"/>
        <source>打开已有的项目文件夹 (Ctrl+O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="366"/>
        <source>打开单位任务包…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="367"/>
        <source>用依法治县办下发的任务包（.zip）建立本单位的工作区</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="373"/>
        <source>最近的项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="382"/>
        <source>退出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="417"/>
        <location filename="../shell/start_dialog.py" line="443"/>
        <source>打开项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="418"/>
        <source>项目文件夹不存在：{folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="435"/>
        <source>打开项目文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="445"/>
        <source>这不是项目文件夹（里面没有 project.sqlite）：{folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="453"/>
        <source>选择单位任务包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="453"/>
        <source>任务包 (*.zip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="456"/>
        <source>选择本单位工作区的文件夹（应为空文件夹）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/start_dialog.py" line="467"/>
        <source>正在建立单位工作区</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../common/icons.py" line="23"/>
        <source>尚无资料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/icons.py" line="24"/>
        <source>资料不全</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/icons.py" line="25"/>
        <source>资料齐全</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/icons.py" line="26"/>
        <source>实地核查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/icons.py" line="27"/>
        <source>被退回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/icons.py" line="35"/>
        <source>灰色空心圆：这项指标还没有任何资料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/icons.py" line="36"/>
        <source>橙色半圆：已有资料，但还有资料要求没有满足（数量不够或某项要求没有资料）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/icons.py" line="39"/>
        <source>绿色对勾：每一项资料要求都已有足够的资料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/icons.py" line="42"/>
        <source>蓝色圆点：由评估组实地核查，不需要上传资料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/icons.py" line="45"/>
        <source>红色叹号：依法治县办退回了某个单位的资料，等待按意见补充</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/icons.py" line="55"/>
        <source>红色文档图标：PDF 文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/icons.py" line="56"/>
        <source>绿色文档图标：Excel 表格</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SubmitDialog</name>
    <message>
        <location filename="../exchange/submit_dialog.py" line="62"/>
        <source>报送：生成提交包</source>
        <extracomment>Errors listed in the dialog (the 报送前自查 page lists them all). The self-check finished (carries the findings). The package was written (carries the ``SubmitResult``).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/submit_dialog.py" line="72"/>
        <source>把 {unit} 的全部现有资料打成提交包（带任务包密钥签名），交给依法治县办导入。生成前先做一遍报送前自查。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/submit_dialog.py" line="77"/>
        <source>正在自查……</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/submit_dialog.py" line="85"/>
        <source>我已了解自查仍有错误，仍要生成提交包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/submit_dialog.py" line="92"/>
        <source>浏览…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/submit_dialog.py" line="98"/>
        <source>保存为：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/submit_dialog.py" line="105"/>
        <source>打开所在文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/submit_dialog.py" line="112"/>
        <source>生成提交包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/submit_dialog.py" line="144"/>
        <source>报送前自查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/submit_dialog.py" line="156"/>
        <source>报送前自查：{errors} 个错误、{warnings} 个警告。建议先补齐再报送；确需现在报送，请勾选下面的确认。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/submit_dialog.py" line="168"/>
        <source>……另有 {n} 个，见“报送前自查”页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/submit_dialog.py" line="175"/>
        <source>报送前自查：没有错误，{warnings} 个警告（可在“报送前自查”页查看）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/submit_dialog.py" line="180"/>
        <source>报送前自查：没有发现问题。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/submit_dialog.py" line="211"/>
        <source>提交包保存为</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/submit_dialog.py" line="211"/>
        <source>提交包 (*.zip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/submit_dialog.py" line="228"/>
        <source>请填写提交包的保存位置。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/submit_dialog.py" line="244"/>
        <source>正在生成提交包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/submit_dialog.py" line="250"/>
        <source>正在生成提交包……</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/submit_dialog.py" line="259"/>
        <source>已生成提交包：{path}
文件 {files} 个，涉及指标 {count} 项。请把它交给依法治县办。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/submit_dialog.py" line="265"/>
        <source>完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/submit_dialog.py" line="271"/>
        <source>未生成提交包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/submit_dialog.py" line="272"/>
        <source>未生成提交包：{error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../exchange/submit_dialog.py" line="276"/>
        <source>已取消，未生成提交包。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SuggestFilingDialog</name>
    <message>
        <location filename="../evidence/suggest_dialog.py" line="63"/>
        <source>按文件夹智能归档</source>
        <extracomment>The proposals for the folder are shown (carries the number of files). The confirmed files were attached (carries the ``FilingResult``).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/suggest_dialog.py" line="77"/>
        <source>选择存放资料文件的文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/suggest_dialog.py" line="78"/>
        <source>选择文件夹…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/suggest_dialog.py" line="82"/>
        <source>这些资料由哪个单位报送（只推荐该单位负责的指标）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/suggest_dialog.py" line="83"/>
        <source>分析并推荐</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/suggest_dialog.py" line="86"/>
        <source>识别扫描件文字（OCR）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/suggest_dialog.py" line="90"/>
        <source>没有文字层的扫描件和照片先做文字识别，再按识别出的文字推荐指标（较慢，每页数秒）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/suggest_dialog.py" line="95"/>
        <source>未安装文字识别组件（rapidocr、onnxruntime），无法识别扫描件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/suggest_dialog.py" line="114"/>
        <source>选择文件夹后点“分析并推荐”：系统按每个文件的标题和内容推荐指标，请逐个确认</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/suggest_dialog.py" line="125"/>
        <source>添加已确认的文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/suggest_dialog.py" line="130"/>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/suggest_dialog.py" line="134"/>
        <source>文件夹：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/suggest_dialog.py" line="137"/>
        <source>单位：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/suggest_dialog.py" line="168"/>
        <source>选择资料文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/suggest_dialog.py" line="199"/>
        <source>请先选择文件夹和单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/suggest_dialog.py" line="214"/>
        <source>正在阅读文件并推荐指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/suggest_dialog.py" line="216"/>
        <source>已取消分析</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/suggest_dialog.py" line="247"/>
        <source>{unit}：{files} 个文件，{ok} 个将归档，{refused} 个无法作为资料；可在“归入”列改选指标或“不归档”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/suggest_dialog.py" line="283"/>
        <source>正在添加资料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/suggest_dialog.py" line="301"/>
        <source>未添加 {name}：{reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/suggest_dialog.py" line="304"/>
        <source>已取消，未添加 {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/suggest_dialog.py" line="309"/>
        <source>不是可用的资料 {name}：{reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/suggest_dialog.py" line="314"/>
        <source>已添加 {n} 个文件到 {k} 个指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/suggest_dialog.py" line="318"/>
        <source>；已取消，其余文件未添加</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/suggest_dialog.py" line="320"/>
        <source>；{n} 个文件被拒绝（见下方原因）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskProgress</name>
    <message>
        <location filename="../status/task_progress.py" line="196"/>
        <source>任务 {task} 登记为 {state}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskProgressController</name>
    <message>
        <location filename="../status/task_progress.py" line="237"/>
        <source>只用于任务清单项目</source>
        <extracomment>The dialog opened (tests and the help look at it).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/task_progress.py" line="239"/>
        <source>单位工作区不能登记进度：任务进度由依法治县办登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/task_progress.py" line="241"/>
        <source>项目以只读方式打开，不能登记进度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/task_progress.py" line="244"/>
        <source>先在左侧选择一项任务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/task_progress.py" line="246"/>
        <source>正在读取任务进度…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/task_progress.py" line="254"/>
        <source>{tip}（{reason}）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskProgressDialog</name>
    <message>
        <location filename="../status/task_progress.py" line="61"/>
        <source>登记进度：任务 {task}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/task_progress.py" line="68"/>
        <source>完成时限：{due}&#x3000;现在：{status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/task_progress.py" line="84"/>
        <source>做了什么、还差什么（可不填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/task_progress.py" line="94"/>
        <source>完成时限中写明的阶段目标，也可以自己填写</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/task_progress.py" line="97"/>
        <source>已达到的阶段目标（可不填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/task_progress.py" line="99"/>
        <source>完成日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/task_progress.py" line="116"/>
        <source>进度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/task_progress.py" line="117"/>
        <source>进度说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/task_progress.py" line="118"/>
        <source>阶段目标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/task_progress.py" line="122"/>
        <source>登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/task_progress.py" line="125"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/task_progress.py" line="156"/>
        <source>完成任务的日期（不晚于今天）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/task_progress.py" line="156"/>
        <source>只有“已完成”的任务才有完成日期</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskStatus</name>
    <message>
        <location filename="../common/plan_tasks.py" line="59"/>
        <source>已完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/plan_tasks.py" line="60"/>
        <source>推进中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/plan_tasks.py" line="61"/>
        <source>未启动</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/plan_tasks.py" line="62"/>
        <source>已逾期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/plan_tasks.py" line="70"/>
        <source>绿色对勾：已登记完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/plan_tasks.py" line="71"/>
        <source>橙色半圆：正在推进，尚未到完成时限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/plan_tasks.py" line="72"/>
        <source>灰色空心圆：尚未登记进度，未到完成时限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/plan_tasks.py" line="73"/>
        <source>红色叹号：完成时限已过，尚未完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/plan_tasks.py" line="89"/>
        <source>未定</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnitAssignmentsModel</name>
    <message>
        <location filename="../units/role_models.py" line="35"/>
        <source>任务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/role_models.py" line="35"/>
        <source>指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/role_models.py" line="36"/>
        <source>内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/role_models.py" line="37"/>
        <source>角色</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/role_models.py" line="38"/>
        <source>牵头单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/role_models.py" line="43"/>
        <source>牵头</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/role_models.py" line="45"/>
        <source>配合</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/role_models.py" line="46"/>
        <source>责任（经 {via}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/role_models.py" line="46"/>
        <source>责任</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnitRankingModel</name>
    <message>
        <location filename="../status/dashboard_models.py" line="112"/>
        <source>名次</source>
        <extracomment>A plan project: units are responsible for tasks, not indicators.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard_models.py" line="113"/>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard_models.py" line="114"/>
        <source>负责指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard_models.py" line="114"/>
        <source>负责任务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard_models.py" line="115"/>
        <source>已报资料的指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard_models.py" line="115"/>
        <source>已报资料的任务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard_models.py" line="116"/>
        <source>覆盖率</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard_models.py" line="117"/>
        <source>资料件数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard_models.py" line="118"/>
        <source>退回待补</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/dashboard_models.py" line="119"/>
        <source>已审核通过</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnitReviewModel</name>
    <message>
        <location filename="../review/review_models.py" line="106"/>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_models.py" line="107"/>
        <source>资料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_models.py" line="108"/>
        <source>审核结论</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_models.py" line="109"/>
        <source>意见</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_models.py" line="110"/>
        <source>审核人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_models.py" line="111"/>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_models.py" line="116"/>
        <source>未审核</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_models.py" line="128"/>
        <source>{n} 件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_models.py" line="137"/>
        <source>该单位不是本项的责任单位，但为合并提供的指标提交了资料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../review/review_models.py" line="141"/>
        <source>{by} 于 {at} 审核</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnitTasks</name>
    <message>
        <location filename="../status/unit_tasks_view.py" line="61"/>
        <source>◇ {text}（实地核查）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/unit_tasks_view.py" line="66"/>
        <source>{mark} {text}（{have}/{need}）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnitTasksModel</name>
    <message>
        <location filename="../status/unit_tasks_view.py" line="89"/>
        <source>指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/unit_tasks_view.py" line="89"/>
        <source>任务</source>
        <extracomment>The project&apos;s catalog: a plan&apos;s tasks show their ids as printed (&quot;一.3&quot;).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/unit_tasks_view.py" line="90"/>
        <source>内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/unit_tasks_view.py" line="90"/>
        <source>完成要求</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/unit_tasks_view.py" line="90"/>
        <source>资料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/unit_tasks_view.py" line="90"/>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/unit_tasks_view.py" line="105"/>
        <source>实地核查</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnitTasksView</name>
    <message>
        <location filename="../status/unit_tasks_view.py" line="195"/>
        <source>双击一项转到该指标添加资料；全部完成后点“报送”生成提交包交给依法治县办。</source>
        <extracomment>The clerk asked to go to an indicator (double click, Enter). The tasks were recomputed (carries the ``UnitTasks``).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/unit_tasks_view.py" line="249"/>
        <source>{unit} · {county} {year}年 · 单位工作区</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/unit_tasks_view.py" line="254"/>
        <source>报送截止日期：{deadline}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/unit_tasks_view.py" line="256"/>
        <source>报送截止日期：以通知为准</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/unit_tasks_view.py" line="260"/>
        <source>（已过截止日期）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/unit_tasks_view.py" line="265"/>
        <source>已完成要求 {done}/{required}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/unit_tasks_view.py" line="269"/>
        <source>任务 {complete}/{count} 项资料已齐</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/unit_tasks_view.py" line="271"/>
        <source>指标 {complete}/{count} 项资料已齐</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/unit_tasks_view.py" line="275"/>
        <source>，另有 {n} 项实地核查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/unit_tasks_view.py" line="277"/>
        <source>，{n} 项被退回待补充</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/unit_tasks_view.py" line="280"/>
        <source>本工作区没有任务包列出的指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status/unit_tasks_view.py" line="280"/>
        <source>本工作区没有任务包列出的任务</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnitsEditorDialog</name>
    <message>
        <location filename="../units/units_editor.py" line="204"/>
        <source>本县单位</source>
        <extracomment>Role changes go on the window&apos;s undo stack (Ctrl+Z after the dialog is closed, too).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="230"/>
        <location filename="../units/units_editor.py" line="331"/>
        <source>选择上方的单位，查看它牵头、配合的事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="232"/>
        <source>设为牵头</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="235"/>
        <source>设为配合</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="242"/>
        <source>把所选单位设为所选事项的牵头单位或配合单位（记入操作记录）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="263"/>
        <source>本单位承担的事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="266"/>
        <source>按任务查看牵头和配合单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="266"/>
        <source>按指标查看牵头和配合单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="276"/>
        <source>添加单位…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="277"/>
        <source>改名…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="278"/>
        <source>简称…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="279"/>
        <source>包含单位…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="280"/>
        <source>从表格导入…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="286"/>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="338"/>
        <source>{unit}：牵头 {lead} 项，配合 {co} 项，经集体名称承担 {member} 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="356"/>
        <source>已把 {unit} 设为 {item} 的牵头单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="358"/>
        <source>已把 {unit} 设为 {item} 的配合单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="366"/>
        <source>把 {unit} 设为 {item} 的牵头单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="368"/>
        <source>把 {unit} 设为 {item} 的配合单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="390"/>
        <source>项目以只读方式打开，不能修改牵头和配合单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="392"/>
        <source>单位工作区不能修改牵头和配合单位（由依法治县办确定）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="402"/>
        <source>请先选择一个单位和它承担的一项事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="428"/>
        <source>已添加单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="440"/>
        <source>已改名，原名称保留为简称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="444"/>
        <source>把 {old} 改名为 {new}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="452"/>
        <source>已保存简称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="458"/>
        <source>修改 {unit} 的简称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="487"/>
        <source>已保存包含单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="498"/>
        <source>已导入单位名单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="510"/>
        <source>添加单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="510"/>
        <source>单位名称：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="517"/>
        <location filename="../units/units_editor.py" line="526"/>
        <source>请先选择一个单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="519"/>
        <source>改名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="519"/>
        <source>新名称：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="529"/>
        <source>简称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="529"/>
        <source>简称（用顿号分隔）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="537"/>
        <source>请先选择一个集体名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="540"/>
        <source>包含单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="540"/>
        <source>包含的单位（用顿号分隔）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="547"/>
        <source>选择单位名单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="547"/>
        <source>Excel 表格 (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnitsTableModel</name>
    <message>
        <location filename="../units/units_editor.py" line="101"/>
        <source>单位名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="102"/>
        <source>简称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="103"/>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="104"/>
        <source>包含单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="105"/>
        <source>指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="143"/>
        <source>集体名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../units/units_editor.py" line="143"/>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VersionTableModel</name>
    <message>
        <location filename="../export/narrative_history.py" line="44"/>
        <source>保存时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_history.py" line="44"/>
        <source>撰写人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_history.py" line="44"/>
        <source>来源</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_history.py" line="44"/>
        <source>字数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_history.py" line="48"/>
        <source>生成的草稿</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_history.py" line="50"/>
        <source>从文件导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_history.py" line="51"/>
        <source>手工撰写</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../export/narrative_history.py" line="65"/>
        <source>（清空）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VetoBanner</name>
    <message>
        <location filename="../scoring/veto_banner.py" line="51"/>
        <source>一票否决：否决项 {items} 已触发。无论得分多少，评估结果均为“一票否决”。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VetoDialog</name>
    <message>
        <location filename="../scoring/extras_dialogs.py" line="40"/>
        <source>否决项 {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_dialogs.py" line="44"/>
        <source>已触发（结果为一票否决）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_dialogs.py" line="45"/>
        <source>未触发 / 解除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_dialogs.py" line="52"/>
        <source>必填：依据或核查情况，如“经核查，2023年未发生……”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_dialogs.py" line="63"/>
        <source>当前：{state}（{by}，{at}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_dialogs.py" line="64"/>
        <source>已触发</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_dialogs.py" line="64"/>
        <source>未触发</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_dialogs.py" line="73"/>
        <source>说明：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VetoTableModel</name>
    <message>
        <location filename="../scoring/extras_models.py" line="48"/>
        <source>编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_models.py" line="49"/>
        <source>否决情形</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_models.py" line="50"/>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_models.py" line="51"/>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_models.py" line="52"/>
        <source>标记人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_models.py" line="53"/>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_models.py" line="81"/>
        <source>已触发：一票否决</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_models.py" line="83"/>
        <source>已解除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../scoring/extras_models.py" line="83"/>
        <source>未触发</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowAssist</name>
    <message>
        <location filename="../shell/assist.py" line="194"/>
        <source>已送出打印：{n} 页</source>
        <extracomment>Which manual page a dialog&apos;s F1 opens.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/assist.py" line="210"/>
        <source>报送前自查清单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/assist.py" line="231"/>
        <source>操作记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/assist.py" line="254"/>
        <source>正在生成要打印的报告</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/assist.py" line="262"/>
        <source>{county}{year}年任务进度报告</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/assist.py" line="264"/>
        <source>{county}{year}年自评报告</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="419"/>
        <source>撤回资料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="423"/>
        <source>撤回“{name}”（{unit}）？撤回后它不再计入指标，但文件和记录保留在历史中。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="429"/>
        <source>撤回原因（必填），例如：上传错文件、已被新版本替代</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="437"/>
        <source>撤回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/evidence_dialogs.py" line="442"/>
        <source>原因：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Workbench</name>
    <message>
        <location filename="../shell/workbench.py" line="105"/>
        <source>资料</source>
        <extracomment>The open project&apos;s undo stack (levels, reviews, veto/bonus marks), behind 编辑 › 撤销/重做. A plan project&apos;s tasks with their progress (the tree, the dashboard, 登记进度 use them).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/workbench.py" line="114"/>
        <source>评审</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/workbench.py" line="115"/>
        <source>评定等级、逐单位审核资料 (F2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/workbench.py" line="129"/>
        <source>我的任务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/workbench.py" line="131"/>
        <location filename="../shell/workbench.py" line="389"/>
        <source>指标与资料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/workbench.py" line="132"/>
        <source>评分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/workbench.py" line="133"/>
        <source>附加项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/workbench.py" line="134"/>
        <source>报送前自查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/workbench.py" line="135"/>
        <source>进度总览</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/workbench.py" line="136"/>
        <source>操作记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/workbench.py" line="164"/>
        <location filename="../shell/workbench.py" line="435"/>
        <source>自评总分（参考评分方案，非官方分值）；点“评分”页查看构成</source>
        <extracomment>The pages the 查看 actions Ctrl+1 … show, in their order.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/workbench.py" line="169"/>
        <source>本单位任务包要求的完成情况；点“我的任务”页查看</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/workbench.py" line="284"/>
        <source>任务完成 {done}/{total} · 逾期 {overdue}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/workbench.py" line="332"/>
        <source>已完成要求 {done}/{required}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/workbench.py" line="346"/>
        <source>总分 {total} · 一票否决</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/workbench.py" line="350"/>
        <source>总分 {total} · 已评 {done}/{count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/workbench.py" line="389"/>
        <source>任务与资料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/workbench.py" line="400"/>
        <source>附件1中位置存疑的指标（第 69 项：四.6 还是五.1）按哪种归属计分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/workbench.py" line="406"/>
        <source>导入退回通知</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/workbench.py" line="406"/>
        <source>导入提交包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/workbench.py" line="433"/>
        <source>任务清单的完成情况；点“进度总览”页查看</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>XlsxPreview</name>
    <message>
        <location filename="../evidence/preview.py" line="207"/>
        <source>选择工作表</source>
        <extracomment>Rows and columns read per sheet for the preview (the whole file opens in the system viewer).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/preview.py" line="223"/>
        <source>工作表：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/preview.py" line="238"/>
        <source>正在读取…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/preview.py" line="242"/>
        <source>读取表格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/preview.py" line="259"/>
        <source>无法读取：{error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/preview.py" line="271"/>
        <source>仅显示前 {rows} 行、{cols} 列</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../evidence/preview.py" line="274"/>
        <source>共 {rows} 行</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>a</name>
    <message>
        <location filename="../shell/actions.py" line="332"/>
        <source>文件(&amp;F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="335"/>
        <source>最近的项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="343"/>
        <source>编辑(&amp;E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="354"/>
        <source>查看(&amp;V)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="364"/>
        <source>评审(&amp;P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="373"/>
        <source>交换(&amp;J)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="377"/>
        <source>导出(&amp;D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="384"/>
        <source>帮助(&amp;H)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shell/actions.py" line="400"/>
        <source>工具栏</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>undo</name>
    <message>
        <location filename="../common/undo.py" line="206"/>
        <source>撤销“{text}”(&amp;U)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/undo.py" line="206"/>
        <source>撤销(&amp;U)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/undo.py" line="209"/>
        <source>重做“{text}”(&amp;R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../common/undo.py" line="209"/>
        <source>重做(&amp;R)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
