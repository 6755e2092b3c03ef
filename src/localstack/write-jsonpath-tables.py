"""Writes the LALR tables of jsonpath-ng's two JSONPath grammars next to their parsers.

LocalStack's Step Functions interpreter calls `jsonpath_ng.parse` / `jsonpath_ng.ext.parse` for every path it
evaluates (each `.$` parameter, InputPath, ResultPath...). jsonpath-ng builds a new PLY parser each time with
`write_tables=0`, so PLY regenerates the whole LALR table on every call: ~10 ms (plain) and ~30 ms (ext) of CPU per
path. With the table module present PLY imports it instead (after checking the grammar's signature, so a table that
does not match its grammar is ignored and regenerated, never used wrongly). Idempotent: rewrites the same files.
"""

import os
import sys

import ply.yacc
import jsonpath_ng.ext.parser as ext_parser
import jsonpath_ng.parser as plain_parser

# The module name jsonpath-ng passes to PLY (`<parser module>_<start symbol>_parsetab`), which PLY resolves inside
# the package of the parser's class: jsonpath_ng.parser_jsonpath_parsetab and jsonpath_ng.ext.parser_jsonpath_parsetab.
TABLE_MODULE = "parser_jsonpath_parsetab"

for parser_class, module in (
    (plain_parser.JsonPathParser, plain_parser),
    (ext_parser.ExtentedJsonPathParser, ext_parser),
):
    parser = parser_class.__new__(parser_class)
    parser.debug = False
    ply.yacc.yacc(
        module=parser,
        debug=False,
        tabmodule=TABLE_MODULE,
        outputdir=os.path.dirname(module.__file__),
        write_tables=True,
        start="jsonpath",
        errorlog=ply.yacc.NullLogger(),
    )
    print(os.path.join(os.path.dirname(module.__file__), TABLE_MODULE + ".py"))
sys.stdout.flush()
