"""The catalogue's messages: every refusal a learner can meet (reading an article, saving or importing answers),
as a (Chinese, English) pair of ``str.format`` templates that ``catalogue.STRINGS`` takes in whole.

A module of its own because the sentences are long and many: with them the catalogue would pass the 500-line limit
of a module. The English template is exactly what ``str(error)`` says (developers, logs and tests read it); the
Chinese one names the same file, row and field, and leaves out only what no Chinese reader could use (a library's
own English reason, a code point), which stays in the English.
"""

from __future__ import annotations

_REDO = ("请用 Word 或 WPS 重新另存为 .docx，或直接粘贴文字",
         "save it again from Word or WPS as .docx, or paste the text instead")
_ONE = ("（请一次上传一篇文章）", "(upload one article at a time)")
_STORE_HOME = "settings.store_path or the OFFICE_ROLES_STORE environment variable"

MESSAGES: dict[str, tuple[str, str]] = {
    # reading an article: files and uploads (sources/), pasted text (article.py)
    "err_unknown_suffix": ("{label}：无法读取 {suffix} 文件{hint}；请上传 {formats_zh} 文件",
                           "{label}: cannot read '{suffix}' files{hint}; upload a {formats_en} file"),
    "err_no_suffix": ("{label}：无法读取没有扩展名的文件；请上传 {formats_zh} 文件",
                      "{label}: cannot read files without an extension; upload a {formats_en} file"),
    "err_doc_hint": ("（旧版 Word 的 .doc 文件：请打开后另存为 .docx）",
                     " (an old Word .doc: open it and save it as .docx)"),
    "err_uploaded_file": ("上传的文件", "the uploaded file"),
    "err_no_text": ("{label}：文件里没有文字", "{label}: the file has no text"),
    "err_no_file": ("{label}：找不到这个文件", "{label}: no such file"),
    "err_file_empty": ("{label}：文件是空的", "{label}: the file is empty"),
    "err_file_over": ("{label}：文件太大，超过了 {limit:,} 字节的上限（请一次载入一篇文章）",
                      "{label}: the file is too big: more than {limit:,} bytes; the limit is {limit:,} bytes "
                      "(load one article at a time)"),
    "err_upload_too_big": ("{label}：文件太大（{size:,} 字节），上限是 {limit:,} 字节" + _ONE[0],
                           "{label}: the file is too big: {size:,} bytes; the limit is {limit:,} bytes " + _ONE[1]),
    "err_bom_damaged": ("{label}：文件开头是 {encoding} 字节顺序标记，但第 {position} 个字节无法解码；文件可能已损坏",
                        "{label}: the file starts with a {encoding} byte-order mark, but byte {position} cannot be "
                        "decoded; the file may be damaged"),
    "err_binary": ("{label}：这看起来是二进制文件，不是文本（其中有空字节）；如果它是没有字节顺序标记的 UTF-16 文本，"
                   "请另存为 UTF-8",
                   "{label}: this looks like a binary file, not text (it contains NUL bytes); if it is UTF-16 text "
                   "without a byte-order mark, save it as UTF-8"),
    "err_encoding": ("{label}：这段文字既不是 UTF-8，也不是 GBK/GB18030（也不是带字节顺序标记的 UTF-16）；"
                     "请另存为 UTF-8 后再试",
                     "{label}: the text is neither UTF-8 nor GBK/GB18030 (nor UTF-16 with a byte-order mark); "
                     "save it as UTF-8 and try again"),
    "err_junk": ("{label}：这不像是文本：按 {encoding} 读取，{share:.0%} 的字符是控制字符、私用区字符或替换字符"
                 "（是二进制文件，还是另一种编码？）",
                 "{label}: this does not look like text: read as {encoding}, {share:.0%} of its characters are "
                 "control, private-use or replacement characters (a binary file, or another encoding?)"),
    "err_docx_not_zip": ("{label}：这不是有效的 .docx 文件（.docx 是一种压缩包，这个文件打不开）。" + _REDO[0],
                         "{label}: this is not a valid .docx file (a .docx is a zip archive; this one cannot be "
                         "opened). Save it again from Word or WPS as .docx, or paste the text instead"),
    "err_docx_unpacks": ("{label}：文档解压后有 {size:,} 字节，上限是 {limit:,} 字节",
                         "{label}: the document unpacks to {size:,} bytes; the limit is {limit:,} bytes"),
    "err_docx_unreadable": ("{label}：无法读取这个 Word 文档（{reason}）；" + _REDO[0],
                            "{label}: cannot read this Word document ({reason}); " + _REDO[1]),
    "err_docx_damaged": ("{label}：无法读取这个 Word 文档（文件已损坏）；" + _REDO[0],
                         "{label}: cannot read this Word document ({reason}); " + _REDO[1]),
    "err_docx_no_member": ("压缩包里没有 {name}", "the archive has no {name}"),
    "err_docx_compression": ("{name} 用了 Word 不会用的压缩方式", "{name} uses a compression method that Word does "
                             "not write ({method})"),
    "err_docx_encrypted": ("{name} 已加密", "{name} is encrypted"),
    "err_docx_checksum": ("{name} 与校验和不符：文件已损坏，或解压后超过它声明的 {size:,} 字节",
                          "{name} does not match its checksum: the file is damaged, or it unpacks to more than the "
                          "{size:,} bytes it declares"),
    "err_docx_no_main": ("{rels} 没有指明 Word 主文档；请另存为普通的 Word 文档",
                         "{rels} names no main Word document; a Strict Open XML file? Save as Word Document"),
    "err_docx_no_type": ("{types} 没有给出 {part} 的内容类型", "{types} gives no content type for {part}"),
    "err_docx_not_word": ("主文档 {part} 不是 Word 文档", "its main part {part} is not a Word document but {kind}"),
    "err_docx_dtd": ("文档中有一个部件声明了文档类型定义，Word 文档从不这样做",
                     "an XML part declares a DTD, which Word documents never do"),
    "err_docx_deep": ("文档的标记嵌套超过 {depth} 层，Word 文档从不这样",
                      "its XML nests more than {depth} elements deep, which Word documents never do"),
    "err_docx_unpack_stop": ("{label}：文档解压后超过 {limit:,} 字节的上限，已停止读取" + _ONE[0],
                             "{label}: the document unpacks to more than {limit:,} bytes, the limit; reading stopped "
                             "there " + _ONE[1]),
    "err_docx_tags": ("{label}：文档的标记超过 {limit:,} 个标签的上限，已停止读取（一篇文章远没有这么多：请用 Word "
                      "重新保存，或直接粘贴文字）",
                      "{label}: the document's markup has more than {limit:,} XML tags, the limit; reading stopped "
                      "there (an article has far fewer: save it again from Word, or paste the text instead)"),
    "err_docx_paragraphs": ("{label}：文档超过 {limit:,} 个段落的上限，已停止读取" + _ONE[0],
                            "{label}: the document has more than {limit:,} paragraphs, the limit; reading stopped "
                            "there " + _ONE[1]),
    "err_docx_chars": ("{label}：文档的文字超过 {limit:,} 字的上限，已停止读取" + _ONE[0],
                       "{label}: the document's text is longer than {limit:,} characters, the limit; reading "
                       "stopped there " + _ONE[1]),
    "err_text_empty": ("文本是空的：请先粘贴或载入一篇文章", "the text is empty: paste or load an article first"),
    "err_text_too_long": ("文本太长：{chars:,} 字，上限是 {limit:,} 字（请一次载入一篇文章）",
                          "the text is too long: {chars:,} characters; the limit is {limit:,} characters "
                          "(load one article at a time)"),
    "err_no_article": ("这个页面上没有找到文章正文", "no article text was found on this page"),
    # the fields of an answer, as messages name them (store_fields.py)
    "field_participant": ("姓名", "participant"),
    "field_group": ("小组", "group"),
    "field_exercise": ("练习名称", "exercise"),
    "field_item": ("题目", "item"),
    "field_answer": ("答案", "answer"),
    "field_submitted_at": ("提交时间", "submitted_at"),
    # saving an answer (store_fields.py, answers.py)
    "err_control_char": ("{field}的第 {position} 个字符是看不见的控制字符，请重新输入",
                         "{field} contains an invisible control character (U+{code}) at position {position}; "
                         "please type it again"),
    "err_too_long": ("{field}太长（{length:,} 字，上限是 {limit:,} 字）",
                     "{field} is too long ({length:,} characters; the limit is {limit:,})"),
    "err_no_exercise": ("练习名称是空的：每条作答都要注明属于哪个练习",
                        "exercise is empty: every response must say which exercise it answers"),
    "err_answer_shape": ("答案的格式不符合这个练习的要求", "{reason}"),
    "err_answer_json": ("答案无法保存（其中有无法保存的值）", "answer cannot be stored as JSON ({reason})"),
    "err_row_no_name": ("姓名是空的", "the participant name is empty"),
    # importing a CSV of answers, row by row (store_csv.py)
    "err_csv_unreadable": ("{name}：无法读取这个文件", "{name}: the file cannot be read ({reason})"),
    "err_csv_suffix": ("{name}：只能导入 .csv 文件；请先把表格另存为 CSV",
                       "{name}: only .csv files can be imported; save the sheet as CSV first"),
    "err_csv_too_big": ("{name}：文件有 {size:,} 字节，上限是 {limit:,} 字节",
                        "{name}: the file is {size:,} bytes; the limit is {limit:,} bytes"),
    "err_csv_binary": ("{name}：这是二进制文件，不是 CSV 文本", "{name}: this is a binary file, not CSV text"),
    "err_csv_encoding": ("{name}：文字既不是 UTF-8 也不是 GBK（第一个无法识别的字节在第 {position} 位）；"
                         "请另存为‘CSV UTF-8’后再试",
                         "{name}: the text is neither UTF-8 nor GBK (first bad byte at position {position}); save it "
                         "as 'CSV UTF-8' and try again"),
    "err_csv_broken": ("{name} 第 {row} 行：无法按 CSV 格式读取",
                       "{name}, row {row}: the CSV cannot be read ({reason})"),
    "err_csv_header": ("{name} 第 1 行（表头）：缺少 {missing} 列；必需的列是 {needed}，可选的列是 group、item、"
                       "submitted_at",
                       "{name}, row 1 (header): missing column(s) {missing}; needed are {needed}, optional group, "
                       "item, submitted_at"),
    "err_csv_cells": ("这一行有 {cells} 个单元格，但表头只有 {width} 列",
                      "{cells} cells but the header has only {width} columns"),
    "err_csv_nested": ("答案嵌套太深，无法读取（有数千层括号）",
                       "the answer is nested too deeply to be read (a JSON value inside thousands of brackets)"),
    "err_csv_time": ("‘{text}’不是有效的时间（应写成 2024-05-01 09:30:00+08:00 这样）",
                     "'{text}' is not an ISO 8601 time such as 2024-05-01T09:30:00+00:00"),
    "err_csv_when": ("‘{text}’不可能是提交时间（应在 1970 年到一年后之间）",
                     "'{text}' is not a possible submission time (from 1970 to a year from now)"),
    "err_csv_batch": ("{name} 第 {row} 行：{reason}。前面的 {added} 行已经导入；再导入一次这个文件，只会添加其余的行。",
                      "{name}, row {row}: {reason}. The {added} rows before it were imported; importing the file "
                      "again adds only the rest."),
    "err_row": ("{file} 第 {row} 行：{problem}", "{file}, row {row}: {problem}"),
    "err_row_field": ("{file} 第 {row} 行，‘{column}’列：{problem}", "{file}, row {row}, field '{column}': {problem}"),
    "err_import_summary": ("{file}：新增 {added} 行，已有 {duplicates} 行，跳过 {skipped} 行",
                           "{file}: {added} added, {duplicates} already present, {skipped} skipped"),
    "err_import_more": ("……另有 {n} 行被跳过", "… and {n} more skipped rows"),
    "err_export_folder": ("无法创建导出文件夹 {folder}", "the folder {folder} for the export cannot be created "
                          "({reason})"),
    "err_export_write": ("无法写入导出文件 {target}", "the export {target} could not be written ({reason})"),
    # opening the response store (store.py, store_postgres.py)
    "err_store_folder_ro": ("{path} 所在的文件夹（{folder}）本账户无法写入。答案库使用时要在旁边建两个辅助文件"
                            "（{helpers}），所以文件夹必须可写；答案库未作改动。请申请该文件夹的写权限，或把答案库移到"
                            "可写的文件夹。",
                            "{path} is in a folder this account cannot write to ({folder}). The store keeps two helper "
                            "files beside it while it is in use ({helpers}), so its folder must be writable; the store "
                            "was left untouched. Ask for write access to the folder, or move the store to a writable "
                            "folder (" + _STORE_HOME + ")."),
    "err_store_read_only": ("{path} 对本账户是只读的，答案无法保存在里面；文件未作改动。请申请写权限，或另选一个文件。",
                            "{path} is read-only for this account, so answers cannot be saved in it; it was left "
                            "untouched. Ask for write access, or choose another file (" + _STORE_HOME + ")."),
    "err_store_foreign": ("{path} 是其他程序的 SQLite 数据库，不是本课程的答案库；文件未作改动。请另选一个文件。",
                          "{path} is an SQLite database of another application, not an office-roles response store; "
                          "it was left untouched. Choose another file."),
    "err_store_version": ("{path} 使用的答案库格式（版本 {version}）本程序无法读取（本程序读取版本 {ours}）；"
                          "文件未作改动。请更新本课程的程序包。",
                          "{path} uses {newer} store format (version {version}; this package reads version {ours}); "
                          "it was left untouched. Update the office_roles package."),
    "err_store_newer": ("更新的", "a newer"),
    "err_store_unknown": ("未知的", "an unknown"),
    "err_store_unreadable": ("{path} 无法读取", "{path} cannot be read ({reason})"),
    "err_store_not_sqlite": ("{path} 不是 SQLite 数据库，不能作为答案库；文件未作改动。请另选一个文件。",
                             "{path} is not an SQLite database, so it cannot be a response store; it was left "
                             "untouched. Choose another file."),
    "err_store_damaged": ("{path} 已损坏或无法读取；文件未作改动。请用导出的 CSV 恢复，或另选一个文件。",
                          "{path} is damaged or unreadable ({reason}); it was left untouched. Restore it from a CSV "
                          "export or choose another file."),
    "err_store_no_folder": ("无法创建存放{what}的文件夹 {folder}；请选一个本账户可以写入的文件夹。",
                            "the folder {folder} for {what} cannot be created ({reason}); choose a folder this account "
                            "can write to (" + _STORE_HOME + ")"),
    "err_store_what": ("答案库", "the response store"),
    "err_store_unreachable": ("{path} 无法访问", "{path} cannot be reached ({reason})"),
    "err_store_is_folder": ("{path} 是一个文件夹，不是答案库文件", "{path} is a folder, not a response store file"),
    "err_store_open": ("{path} 无法作为答案库打开", "{path} could not be opened as a response store ({reason})"),
    "err_store_not_saved": ("没有保存：{problem}", "nothing was saved: {problem}"),
    "err_store_write": ("无法写入 {path}；没有保存，请再试一次",
                        "could not write to {path} ({reason}); nothing was saved, please try again"),
    # the same on a PostgreSQL server (store_postgres.py): the server's own reason stays in the English
    "pg_open": ("无法打开答案库", "the store could not be opened"),
    "pg_not_saved": ("没有保存", "nothing was saved"),
    "pg_read": ("无法读取答案", "the answers could not be read"),
    "pg_migrate": ("无法更新答案库的结构", "the store could not be migrated"),
    "err_pg_privilege": ("{action}：账户 {server} 没有这项权限；请联系平台管理员",
                         "{action}: the account {server} may not do this ({detail}); ask the hub's administrator "
                         "(python -m office_roles.store grant-learner / grant-facilitator)"),
    "err_pg_login": ("{action}：答案服务器 {server} 拒绝了登录；请联系平台管理员检查答案库的地址设置",
                     "{action}: the response server {server} refused the login ({detail}); ask the hub's "
                     "administrator to check OFFICE_ROLES_STORE"),
    "err_pg_no_store": ("{action}：数据库 {server} 里还没有本课程的答案库；请管理员先创建",
                        "{action}: the database {server} holds no office-roles store yet ({detail}); create it with: "
                        "python -m office_roles.store migrate URL"),
    "err_pg_unreachable": ("{action}：答案服务器 {server} 暂时无法连接；请稍后再试",
                           "{action}: the response server {server} cannot be reached ({detail}); try again in a "
                           "moment"),
    "err_pg_refused": ("{action}：答案服务器 {server} 拒绝了这项操作", "{action}: the response server {server} "
                       "refused it ({detail})"),
    "err_pg_foreign": ("{where} 中的 {schema} 属于其他程序，不是本课程的答案库；未作改动。请另选一个数据库。",
                       "the schema {schema} in {where} belongs to another application, not an office-roles response "
                       "store; it was left untouched. Choose another database."),
    "err_pg_version": ("{where} 使用的答案库格式（{found}）本程序无法读取（本程序读取版本 {ours}）；未作改动。"
                       "请更新本课程的程序包。",
                       "{where} uses store format {found}; this package reads version {ours}; it was left untouched. "
                       "Update the office_roles package."),
    "err_pg_cannot_create": ("数据库 {path} 里还没有本课程的答案库，这个账户也无权创建；请管理员先创建",
                             "the database {path} holds no office-roles store yet, and this login may not create "
                             "one; the administrator creates it with: python -m office_roles.store migrate URL"),
}
