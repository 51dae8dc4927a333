//! The Python surface, written from the core's description: the TypedDicts of every input and
//! output type (`kassa/types.py`), the native module's stub (`kassa/_kassa.pyi`), one native pyo3
//! function per core function (`bindings-python/src/generated.rs`), the function modules that
//! re-export them (`kassa/epc.py`, `kassa/digiteal/pay_buttons.py`, ...), the typed clients
//! (`kassa/_clients.py`) and the package's `__init__.py`. Signatures, types and docstrings all
//! come from the core's schemas and doc comments; nothing here names an operation, a function or a
//! field.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde_json::Value;

use crate::model::{self, enum_docs, pascal, Field, Function, Model, Operation, Side, Ty, HEADER};
use crate::Generated;

const PKG: &str = "bindings-python/python/kassa";

/// Every generated Python-side file.
pub fn generate(model: &Model) -> Vec<Generated> {
    let py = Py::new(model);
    let mut files = vec![
        Generated::new(format!("{PKG}/types.py"), py.types()),
        Generated::new(format!("{PKG}/_kassa.pyi"), py.native_stub()),
        Generated::new(format!("{PKG}/_clients.py"), py.clients()),
        Generated::new(format!("{PKG}/__init__.py"), py.package()),
        Generated::new("bindings-python/src/generated.rs", py.natives()),
    ];
    files.extend(py.function_modules());
    files
}

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

/// Builtin names a field may shadow inside a TypedDict body (written `builtins.x` there).
const PRIMITIVES: &[&str] = &["str", "int", "float", "bool", "bytes", "bytearray"];

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !KEYWORDS.contains(&name)
}

/// The Python spelling of a wire name: itself when it is an identifier, else a safe spelling
/// (`User-Agent` is `User_Agent`, a keyword gets a trailing `_`).
fn safe_name(wire: &str) -> String {
    if is_identifier(wire) {
        return wire.to_owned();
    }
    if KEYWORDS.contains(&wire) {
        return format!("{wire}_");
    }
    let mut out: String = wire.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

/// A Python string literal (JSON's escapes are Python's).
fn lit(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

/// A default value as a Python literal, when it is a scalar.
fn literal(v: &Value) -> Option<String> {
    match v {
        Value::Null => Some("None".into()),
        Value::Bool(b) => Some(if *b { "True" } else { "False" }.into()),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(lit(s)),
        _ => None,
    }
}

/// Rust doc links (`` [`Secret`] ``) as plain code spans.
fn unlink(doc: &str) -> String {
    doc.replace("[`", "`").replace("`]", "`")
}

/// A docstring at `indent` (the indentation of the line it starts on).
fn docstring(text: &str, indent: &str) -> String {
    let text = unlink(text).replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\"");
    let text = if text.ends_with('"') { format!("{}\\\"", &text[..text.len() - 1]) } else { text };
    let mut out = format!("{indent}\"\"\"");
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
            if !line.is_empty() {
                out.push_str(indent);
            }
        }
        out.push_str(line);
    }
    if text.contains('\n') {
        let _ = write!(out, "\n{indent}");
    }
    out.push_str("\"\"\"\n");
    out
}

/// `text` with every line after the first indented by `indent`.
fn hang(text: &str, indent: &str) -> String {
    text.lines().collect::<Vec<_>>().join(&format!("\n{indent}")).replace(&format!("\n{indent}\n"), "\n\n")
}

/// The first sentence of a doc (up to the first `. ` of its first paragraph).
fn summary(doc: &str) -> String {
    let paragraph = doc.split("\n\n").next().unwrap_or("").lines().map(str::trim).collect::<Vec<_>>().join(" ");
    match paragraph.find(". ") {
        Some(i) => paragraph[..=i].to_owned(),
        None => paragraph,
    }
}

fn header() -> String {
    format!("# {HEADER}\n")
}

/// A Python parameter of a generated signature.
#[derive(Clone)]
struct Param {
    /// The Python name.
    name: String,
    /// The wire (or core) name.
    wire: String,
    /// The annotation.
    ty: String,
    /// The default, as a Python literal; `None` for a required parameter.
    default: Option<String>,
    /// The doc comment.
    doc: Option<String>,
}

impl Param {
    fn declare(&self) -> String {
        match &self.default {
            None => format!("{}: {}", self.name, self.ty),
            Some(d) => format!("{}: {} = {d}", self.name, self.ty),
        }
    }

    fn text(&self) -> String {
        match &self.default {
            None => self.name.clone(),
            Some(d) => format!("{}={d}", self.name),
        }
    }
}

/// `(a, b, *, c=None)`: the positional parameters, then the keyword-only ones.
fn signature(positional: &[Param], keyword: &[Param], render: impl Fn(&Param) -> String, self_: bool) -> String {
    let mut parts: Vec<String> = if self_ { vec!["self".into()] } else { vec![] };
    parts.extend(positional.iter().map(&render));
    if !keyword.is_empty() {
        parts.push("*".into());
        parts.extend(keyword.iter().map(&render));
    }
    format!("({})", parts.join(", "))
}

/// `Args:` and `Returns:` sections of a docstring.
fn sections(params: &[&Param], returns: Option<(&str, Option<String>)>) -> String {
    sections_with(params, &[], returns)
}

/// [`sections`] with `also`: lines that end the `Args:` section (parameters documented elsewhere).
fn sections_with(params: &[&Param], also: &[String], returns: Option<(&str, Option<String>)>) -> String {
    let mut out = String::new();
    let documented: Vec<_> = params.iter().filter(|p| p.doc.is_some() || p.name != p.wire).collect();
    if !documented.is_empty() || !also.is_empty() {
        out.push_str("\n\nArgs:");
        for p in documented {
            let mut doc = p.doc.clone().unwrap_or_default();
            if p.name != p.wire {
                doc = format!("(the wire name ``{}``) {doc}", p.wire);
            }
            let _ = write!(out, "\n    {}: {}", p.name, hang(&doc, "        "));
        }
        for line in also {
            let _ = write!(out, "\n    {}", hang(line, "    "));
        }
    }
    if let Some((ty, doc)) = returns {
        let _ = write!(out, "\n\nReturns:\n    {ty}");
        if let Some(doc) = doc {
            let _ = write!(out, ": {}", summary(&doc));
        }
    }
    out
}

/// `words` joined by spaces into lines of at most `width` characters.
fn wrap(words: &[String], width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in words {
        if line > 0 && line + 1 + word.len() > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += word.len();
    }
    out
}

/// A parameter documented once per client: its wire name, its doc and the method (path) that
/// documents it.
type Documented = Vec<(String, String, String)>;

struct Anon<'a> {
    name: String,
    side: Side,
    schema: &'a Value,
    ty: Ty,
}

struct Py<'a> {
    model: &'a Model,
    anon: Vec<Anon<'a>>,
}

impl<'a> Py<'a> {
    fn new(model: &'a Model) -> Self {
        let mut py = Py { model, anon: Vec::new() };
        for side in [Side::Output, Side::Input] {
            for (name, schema) in model.definitions(side) {
                if py.emitted(name, side) {
                    py.collect_anon(name, schema, side, true);
                }
            }
        }
        py
    }

    /// Whether the definition `name` of `side` is written (an input identical to the output of
    /// the same name is the same type).
    fn emitted(&self, name: &str, side: Side) -> bool {
        side == Side::Output || self.model.definition(name, Side::Output) != self.model.definition(name, Side::Input)
    }

    /// The Python name of definition `name` of `side`.
    fn name(&self, name: &str, side: Side) -> String {
        if side == Side::Input && self.emitted(name, side) && self.model.definition(name, Side::Output).is_some() {
            format!("{name}Input")
        } else {
            name.to_owned()
        }
    }

    /// Names the objects without a name inside `schema` (union members, inline properties).
    fn collect_anon(&mut self, owner: &str, schema: &'a Value, side: Side, top: bool) {
        let is_object = schema.get("properties").is_some();
        if is_object && !top {
            let tag = schema["properties"]
                .as_object()
                .and_then(|p| p.values().find_map(|s| s.get("const").and_then(Value::as_str)))
                .map(|c| pascal(&c.to_lowercase()))
                .unwrap_or_else(|| "Object".into());
            let mut name = format!("{owner}{tag}");
            let mut n = 2;
            while self.anon.iter().any(|a| a.name == name) || self.model.definition(&name, side).is_some() {
                name = format!("{owner}{tag}{n}");
                n += 1;
            }
            self.anon.push(Anon { name: name.clone(), side, schema, ty: model::ty(schema) });
        }
        for key in ["anyOf", "oneOf"] {
            for item in schema.get(key).and_then(Value::as_array).into_iter().flatten() {
                self.collect_anon(owner, item, side, false);
            }
        }
        if let Some(props) = schema.get("properties").and_then(Value::as_object) {
            for (prop, s) in props {
                let owner = if top { format!("{owner}{}", pascal(prop)) } else { owner.to_owned() };
                self.collect_anon(&owner, s, side, false);
            }
        }
        if let Some(items) = schema.get("items") {
            self.collect_anon(owner, items, side, false);
        }
    }

    /// The annotation of `ty`; `qualify` writes the builtins as `builtins.x` (a TypedDict body
    /// with a field of that name).
    fn ty(&self, ty: &Ty, side: Side, qualify: bool) -> String {
        let p = |name: &str| if qualify { format!("builtins.{name}") } else { name.to_owned() };
        let input = side == Side::Input;
        match ty {
            Ty::Str | Ty::Secret => p("str"),
            Ty::Bytes { text_ok } if input => {
                let text = if *text_ok { format!(", {}", p("str")) } else { String::new() };
                format!("Union[{}, {}{text}]", p("bytes"), p("bytearray"))
            }
            Ty::Bytes { .. } => p("bytes"),
            Ty::Int { .. } => p("int"),
            Ty::Float => p("float"),
            Ty::Bool => p("bool"),
            Ty::Null => "None".into(),
            Ty::Any => "Any".into(),
            Ty::Array(item) => format!("{}[{}]", if input { "Sequence" } else { "List" }, self.ty(item, side, qualify)),
            Ty::Tuple(items) => {
                format!("Tuple[{}]", items.iter().map(|t| self.ty(t, side, qualify)).collect::<Vec<_>>().join(", "))
            }
            Ty::Map(value) => format!("{}[{}, {}]", if input { "Mapping" } else { "Dict" }, p("str"), self.ty(value, side, qualify)),
            Ty::Ref(name) => self.name(name, side),
            Ty::Object(_) => match self.anon.iter().find(|a| a.side == side && a.ty == *ty) {
                Some(a) => a.name.clone(),
                None => format!("Dict[{}, Any]", p("str")),
            },
            Ty::Enum { open: true, .. } => p("str"),
            Ty::Enum { values, .. } => literals(values),
            Ty::Const(c) => format!("Literal[{}]", lit(c)),
            Ty::Union(items) => {
                let consts: Vec<String> = items.iter().filter_map(|t| if let Ty::Const(c) = t { Some(c.clone()) } else { None }).collect();
                let mut parts: Vec<String> = Vec::new();
                if !consts.is_empty() {
                    parts.push(literals(&consts));
                }
                for t in items.iter().filter(|t| !matches!(t, Ty::Const(_) | Ty::Null)) {
                    let s = self.ty(t, side, qualify);
                    if !parts.contains(&s) {
                        parts.push(s);
                    }
                }
                let joined = if parts.len() == 1 { parts.remove(0) } else { format!("Union[{}]", parts.join(", ")) };
                if ty.nullable() && joined != "Any" {
                    format!("Optional[{joined}]")
                } else {
                    joined
                }
            }
        }
    }

    fn schema_ty(&self, schema: &Value, side: Side) -> String {
        self.ty(&model::ty(schema), side, false)
    }

    /// The parameters of an object schema: required ones without a default, optional ones with the
    /// schema's default (a scalar) or `None`.
    fn params(&self, schema: &Value, side: Side) -> Vec<Param> {
        self.model
            .fields(schema, side)
            .into_iter()
            .map(|f| {
                let ty = model::ty(f.schema);
                let default = if f.required { None } else { Some(f.default.and_then(literal).unwrap_or_else(|| "None".into())) };
                let annotation = match default.as_deref() {
                    Some("None") if !ty.nullable() => format!("Optional[{}]", self.ty(&ty, side, false)),
                    _ => self.ty(&ty, side, false),
                };
                Param { name: safe_name(f.name), wire: f.name.to_owned(), ty: annotation, default, doc: f.doc }
            })
            .collect()
    }

    // -- types.py ---------------------------------------------------------------------------------

    fn types(&self) -> String {
        let mut classes = String::new();
        let mut subclasses = String::new();
        let mut aliases: Vec<(String, String, Vec<String>)> = Vec::new();
        let mut names: Vec<String> = vec!["CatalogEntry".into()];
        for side in [Side::Output, Side::Input] {
            for (name, schema) in self.model.definitions(side) {
                if !self.emitted(name, side) {
                    continue;
                }
                let py_name = self.name(name, side);
                names.push(py_name.clone());
                let target = model::ref_name(schema).filter(|_| self.model.resolve(schema, side).get("properties").is_some());
                if schema.get("properties").is_some() {
                    classes.push_str(&self.typed_dict(&py_name, model::doc(schema), &self.model.fields(schema, side), side));
                } else if let Some(target) = target {
                    // Another name of a TypedDict: a subclass with no keys of its own (an alias of a
                    // class is not a type alias at run time).
                    let doc = model::doc(schema).or_else(|| model::doc(self.model.resolve(schema, side))).unwrap_or_default();
                    subclasses.push_str(&format!("\n\nclass {py_name}({}):\n{}", self.name(target, side), docstring(&doc, "    ")));
                } else {
                    let deps = refs(schema).into_iter().map(|r| self.name(&r, side)).collect();
                    let text = format!("{py_name} = {}\n{}", self.schema_ty(schema, side), docstring(&alias_doc(schema), ""));
                    aliases.push((py_name, text, deps));
                }
            }
        }
        for a in &self.anon {
            names.push(a.name.clone());
            classes.push_str(&self.typed_dict(&a.name, model::doc(a.schema), &self.model.fields(a.schema, a.side), a.side));
        }
        let mut out = header();
        out.push_str(TYPES_HEAD);
        let _ = writeln!(out, "\n__all__ = [\n{}]\n", names.iter().map(|n| format!("    {},\n", lit(n))).collect::<String>());
        out.push_str(CATALOG_ENTRY);
        out.push_str(&classes);
        out.push_str(&subclasses);
        // Aliases are evaluated at import: each after the ones it names.
        let mut done: BTreeSet<String> = BTreeSet::new();
        while done.len() < aliases.len() {
            let before = done.len();
            for (name, text, deps) in &aliases {
                let ready = deps.iter().all(|d| done.contains(d) || !aliases.iter().any(|(n, _, _)| n == d));
                if !done.contains(name) && ready {
                    let _ = write!(out, "\n\n{text}");
                    done.insert(name.clone());
                }
            }
            assert!(done.len() > before, "the type aliases refer to each other in a cycle");
        }
        out
    }

    fn typed_dict<'f>(&self, name: &str, doc: Option<String>, fields: &[Field<'f>], side: Side) -> String {
        let qualify = fields.iter().any(|f| PRIMITIVES.contains(&f.name));
        let line = |f: &Field<'f>| (f.name, self.ty(&model::ty(f.schema), side, qualify), f.doc.clone());
        let required: Vec<_> = fields.iter().filter(|f| f.required).map(line).collect();
        let optional: Vec<_> = fields.iter().filter(|f| !f.required).map(line).collect();
        let doc = docstring(doc.as_deref().unwrap_or(name), "    ");
        let body = |items: &[(&str, String, Option<String>)]| -> String {
            items
                .iter()
                .map(|(n, t, d)| format!("    {n}: {t}\n{}", d.as_deref().map(|d| docstring(d, "    ")).unwrap_or_default()))
                .collect()
        };
        let functional = |n: &str, items: &[(&str, String, Option<String>)], total: bool| {
            // Quoted: the values are evaluated at import, maybe before the types they name.
            let entries: Vec<String> = items.iter().map(|(k, t, _)| format!("{}: {}", lit(k), lit(t))).collect();
            let total = if total { "" } else { ", total=False" };
            format!("\n\n{n} = TypedDict({}, {{{}}}{total})\n", lit(n), entries.join(", "))
        };
        if fields.iter().all(|f| is_identifier(f.name)) {
            match (required.is_empty(), optional.is_empty()) {
                (_, true) => format!("\n\nclass {name}(TypedDict):\n{doc}{}", body(&required)),
                (true, false) => format!("\n\nclass {name}(TypedDict, total=False):\n{doc}{}", body(&optional)),
                (false, false) => format!(
                    "\n\nclass _{name}Required(TypedDict):\n{}\n\nclass {name}(_{name}Required, total=False):\n{doc}{}",
                    body(&required),
                    body(&optional)
                ),
            }
        } else {
            // A wire name that is not an identifier: the functional form (no field docstrings).
            let (r, o) = (format!("_{name}Required"), format!("_{name}Optional"));
            format!("{}{}\n\nclass {name}({r}, {o}):\n{doc}", functional(&r, &required, true), functional(&o, &optional, false))
        }
    }

    // -- generated.rs and the function modules ------------------------------------------------------

    /// The positional and keyword-only parameters of a function, checked to make a valid signature.
    fn function_params(&self, f: &Function<'_>) -> (Vec<Param>, Vec<Param>) {
        let all = self.params(f.args, Side::Input);
        for p in &all {
            assert!(p.name == p.wire, "{}: the parameter `{}` is not a Python identifier", f.name, p.wire);
        }
        let positional: Vec<Param> = f
            .positional
            .iter()
            .map(|name| {
                all.iter().find(|p| p.wire == *name).unwrap_or_else(|| panic!("{}: no parameter {name}", f.name)).clone()
            })
            .collect();
        let mut optional = false;
        for p in &positional {
            assert!(!(optional && p.default.is_none()), "{}: a required positional parameter follows an optional one", f.name);
            optional |= p.default.is_some();
        }
        let keyword = all.into_iter().filter(|p| !f.positional.contains(&p.wire.as_str())).collect();
        (positional, keyword)
    }

    fn function_doc(&self, f: &Function<'_>) -> String {
        let (positional, keyword) = self.function_params(f);
        let params: Vec<&Param> = positional.iter().chain(&keyword).collect();
        let returns = self.schema_ty(f.output, Side::Output);
        let out_doc = model::doc(self.model.resolve(f.output, Side::Output));
        let mut doc = model::doc(self.model.resolve(f.args, Side::Input)).unwrap_or_default();
        doc.push_str(&sections(&params, Some((&returns, out_doc))));
        let _ = write!(doc, "\n\nThe core function ``{}`` (also ``kassa.call_function({})``).", f.name, lit(f.name));
        doc
    }

    fn natives(&self) -> String {
        let mut out = format!("// {HEADER}\n//! One native function per core function (see `functions::functions!`).\n#![allow(non_snake_case)]\n\ncrate::functions::functions! {{\n");
        for f in self.model.functions() {
            let (positional, keyword) = self.function_params(&f);
            let sig = signature(&positional, &keyword, Param::text, false);
            let _ = writeln!(out, "    {} = {}, {:?}, {:?}, {:?};", f.native_name(), f.rust, f.short(), sig, unlink(&self.function_doc(&f)));
        }
        out.push_str("}\n");
        out
    }

    /// The namespaces of the functions (`["epc"]`, `["digiteal"]`, `["digiteal", "links"]`), each
    /// with its functions and its sub-namespaces, in registry order.
    fn namespaces(&self) -> Vec<(Vec<&'a str>, Vec<Function<'a>>, Vec<&'a str>)> {
        let mut out: Vec<(Vec<&str>, Vec<Function<'_>>, Vec<&str>)> = Vec::new();
        for f in self.model.functions() {
            let ns = f.namespace();
            for depth in 1..=ns.len() {
                let path = ns[..depth].to_vec();
                if !out.iter().any(|(p, _, _)| *p == path) {
                    out.push((path.clone(), Vec::new(), Vec::new()));
                    if depth > 1 {
                        let parent = out.iter_mut().find(|(p, _, _)| *p == ns[..depth - 1]).expect("the parent comes first");
                        parent.2.push(ns[depth - 1]);
                    }
                }
            }
            out.iter_mut().find(|(p, _, _)| *p == ns).expect("just added").1.push(f);
        }
        out
    }

    fn function_modules(&self) -> Vec<Generated> {
        let namespaces = self.namespaces();
        namespaces
            .iter()
            .map(|(path, functions, children)| {
                let dotted = path.join(".");
                let mut doc = format!("``kassa.{dotted}``: the core's functions ``{dotted}.*`` (computed in the Rust core, no IO).\n");
                for f in functions {
                    let about = model::doc(self.model.resolve(f.args, Side::Input)).map(|d| summary(&d)).unwrap_or_default();
                    let _ = write!(doc, "\n- :func:`{}`: {about}", f.short());
                }
                for c in children {
                    let _ = write!(doc, "\n- :mod:`kassa.{dotted}.{c}`");
                }
                let mut out = format!("{}{}\n", header(), docstring(&doc, ""));
                for c in children {
                    let _ = writeln!(out, "from kassa.{dotted} import {c} as {c}");
                }
                for f in functions {
                    let _ = writeln!(out, "from kassa._kassa import {} as {}", f.native_name(), f.short());
                }
                let exported: Vec<String> = children.iter().map(|c| lit(c)).chain(functions.iter().map(|f| lit(f.short()))).collect();
                let _ = writeln!(out, "\n__all__ = [{}]", exported.join(", "));
                let file = if children.is_empty() { format!("{PKG}/{}.py", path.join("/")) } else { format!("{PKG}/{}/__init__.py", path.join("/")) };
                Generated::new(file, out)
            })
            .collect()
    }

    // -- _kassa.pyi -------------------------------------------------------------------------------

    fn native_stub(&self) -> String {
        let mut body = String::new();
        for f in self.model.functions() {
            let (positional, keyword) = self.function_params(&f);
            let sig = signature(&positional, &keyword, Param::declare, false);
            let about = model::doc(self.model.resolve(f.args, Side::Input)).unwrap_or_default();
            let _ = write!(body, "\ndef {}{sig} -> {}:\n{}", f.native_name(), self.schema_ty(f.output, Side::Output), docstring(&about, "    "));
        }
        let natives = self.model.functions().iter().map(|f| format!("    {},\n", lit(&f.native_name()))).collect::<String>();
        let mut out = header();
        out.push_str(NATIVE_HEAD);
        out.push_str(&self.imports(&format!("{NATIVE_FIXED}{body}")));
        let _ = write!(out, "\n__all__ = [\n{}{natives}]\n", NATIVE_NAMES.iter().map(|n| format!("    {},\n", lit(n))).collect::<String>());
        out.push_str(NATIVE_FIXED);
        out.push_str(&body);
        out
    }

    /// `from kassa.types import ...` of every type `text` names.
    fn imports(&self, text: &str) -> String {
        let known: BTreeSet<String> = [Side::Output, Side::Input]
            .iter()
            .flat_map(|&side| self.model.definitions(side).keys().map(move |n| self.name(n, side)))
            .chain(self.anon.iter().map(|a| a.name.clone()))
            .chain(["CatalogEntry".to_owned()])
            .collect();
        let used: BTreeSet<&str> =
            text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).filter(|w| known.contains(*w)).collect();
        let names: String = used.iter().map(|n| format!("    {n},\n")).collect();
        format!("from kassa.types import (\n{names})\n")
    }

    // -- _clients.py ------------------------------------------------------------------------------

    fn clients(&self) -> String {
        let mut body = String::new();
        body.push_str(&self.identity());
        let mut exported = Vec::new();
        for config in self.model.configs() {
            let options = model::ref_name(config.schema).unwrap_or("").to_owned();
            let class = options.strip_suffix("Options").unwrap_or(&options).to_owned();
            let ops: Vec<Operation<'_>> =
                self.model.operations().into_iter().filter(|o| o.provider == config.provider && o.kind == "request").collect();
            body.push_str(&self.client(&class, config.provider, config.schema, &ops));
            exported.extend([class.clone(), format!("Async{class}")]);
        }
        // The outputs' credentials (`x-kassa-secret` fields): their values print redacted.
        let mut secrets = Vec::new();
        for op in self.model.operations() {
            let fields = self.model.fields(op.output, Side::Output);
            let names: Vec<String> = fields
                .iter()
                .filter(|f| f.schema.get("x-kassa-secret").and_then(Value::as_bool) == Some(true))
                .map(|f| format!("{},", lit(f.name)))
                .collect();
            if !names.is_empty() {
                secrets.push(format!("    {}: ({}),\n", lit(op.id), names.join(" ")));
            }
        }
        let _ = write!(body, "\n\n# The output fields that hold a credential: `kassa.Secret`s, whose repr is redacted.\nSECRET_OUTPUTS.update({{\n{}}})\n", secrets.concat());
        let mut out = header();
        out.push_str(CLIENTS_HEAD);
        out.push_str(&self.imports(&body));
        let _ = writeln!(out, "\n__all__ = [{}]", exported.iter().map(|n| lit(n)).collect::<Vec<_>>().join(", "));
        out.push_str(&body);
        out
    }

    /// `client.identity`, from the core's `StartParams` and the identity functions' outputs.
    fn identity(&self) -> String {
        let start = self.model.definition("StartParams", Side::Input).expect("the core describes StartParams");
        let params = self.params(start, Side::Input);
        let started = self.model.functions().into_iter().find(|f| f.name == "identity.started").expect("identity.started");
        let finish = self.model.functions().into_iter().find(|f| f.name == "identity.finish").expect("identity.finish");
        let started_schema = started.output;
        let (started, outcome) = (self.schema_ty(started.output, Side::Output), self.schema_ty(finish.output, Side::Output));
        let options = self.options(false);
        let also = [self.options_doc()];
        let sig = signature(&[], &params.iter().chain(&options).cloned().collect::<Vec<_>>(), Param::declare, true);
        let start_doc = format!(
            "Starts an identification of ``subject`` with this client's provider.{}",
            sections_with(&params.iter().collect::<Vec<_>>(), &also, Some((&started, model::doc(self.model.resolve(started_schema, Side::Output)))))
        );
        let check_doc = format!("{CHECK_DOC}{}", sections_with(&[], &also, None));
        let check_sig = signature(&[], &options, Param::declare, true).replacen("(self", "(self, reference: str, expires_at: Optional[int] = None", 1);
        let mut out = String::new();
        for v in VARIANTS.iter().filter(|v| !v.raw) {
            let (class, base, a, w) = (format!("{}Identity", v.prefix), v.namespace, v.a, v.w);
            let _ = write!(
                out,
                "\n\nclass {class}({base}):\n{}\n    {a}def start{sig} -> {started}:\n{}        return _cast({started}, {w}self._start(locals()))\n\n    {a}def check{check_sig} -> {outcome}:\n{}        return _cast({outcome}, {w}self._check(reference, expires_at, locals()))\n",
                docstring(IDENTITY_DOC, "    "),
                docstring(&start_doc, "        "),
                docstring(&check_doc, "        "),
            );
        }
        out
    }

    /// A provider's sync and asyncio clients and their namespaces.
    fn client(&self, class: &str, provider: &str, options: &Value, ops: &[Operation<'_>]) -> String {
        let mut out = String::new();
        let mut documented = Documented::new();
        // The namespace tree: groups of the ids, in catalog order.
        let mut groups: Vec<Vec<&str>> = Vec::new();
        for op in ops {
            let g = op.groups();
            for depth in 1..=g.len() {
                if !groups.contains(&g[..depth].to_vec()) {
                    groups.push(g[..depth].to_vec());
                }
            }
        }
        let ns_class = |prefix: &str, path: &[&str]| format!("_{prefix}{class}{}", path.iter().map(|s| pascal(s)).collect::<String>());
        // Deepest first: a namespace names its sub-namespaces' classes.
        let mut ordered = groups.clone();
        ordered.sort_by_key(|g| std::cmp::Reverse(g.len()));
        for path in &ordered {
            let members: Vec<&Operation<'_>> = ops.iter().filter(|o| o.groups() == *path).collect();
            let children: Vec<&Vec<&str>> = groups.iter().filter(|g| g.len() == path.len() + 1 && g.starts_with(path)).collect();
            let ids: Vec<String> = members.iter().map(|o| format!("``{}``", o.method_name())).collect();
            let doc = format!("``client.{}``: {}.", path.join("."), ids.join(", "));
            for v in &VARIANTS {
                let decorator = if v.documented { String::new() } else { format!("@docs_from({})\n", ns_class("", path)) };
                let _ = write!(out, "\n\n{decorator}class {}({}):\n{}", ns_class(v.prefix, path), v.namespace, docstring(&doc, "    "));
                for c in &children {
                    let _ = writeln!(out, "    {} = Group({})", safe_name(c[c.len() - 1]), ns_class(v.prefix, c));
                }
                for op in &members {
                    out.push_str(&self.method(op, v, &mut documented));
                }
            }
        }
        let top: Vec<&Vec<&str>> = groups.iter().filter(|g| g.len() == 1).collect();
        // `client.with_raw_response`: the top namespaces again, answering raw responses.
        for v in VARIANTS.iter().filter(|v| v.raw) {
            let doc = format!("``client.with_raw_response``: the namespaces of :class:`{class}`, whose methods answer\n:class:`kassa.RawResponse` (the output, status, headers, request id and attempts).");
            let _ = write!(out, "\n\nclass _{}{class}({}):\n{}", v.prefix, v.view, docstring(&doc, "    "));
            for g in &top {
                let _ = writeln!(out, "    {} = Group({})", safe_name(g[0]), ns_class(v.prefix, g));
            }
        }
        let identity = model::has_identity_flow(provider);
        let config = self.model.configs().into_iter().find(|c| c.provider == provider).expect("the provider's config");
        // A key an environment variable can fill may be left out (the core still requires it).
        let mut params = self.params(options, Side::Input);
        for p in params.iter_mut() {
            if let Some((var, _)) = config.env.iter().find(|(_, key)| *key == p.wire) {
                if p.default.is_none() {
                    p.default = Some("None".into());
                    p.ty = format!("Optional[{}]", p.ty);
                }
                p.doc = Some(format!("{} Read from ``${var}`` when left out.", p.doc.clone().unwrap_or_default()));
            }
        }
        let sig = signature(&[], &params, Param::declare, true);
        let about = model::doc(self.model.resolve(options, Side::Input)).unwrap_or_default();
        let names: Vec<String> = top.iter().map(|g| format!("``{}``", g[0])).chain(identity.then(|| "``identity``".into())).collect();
        let env: Vec<String> = config.env.iter().map(|(var, key)| format!("({}, {})", lit(var), lit(key))).collect();
        let env_doc: Vec<String> = config.env.iter().map(|(var, key)| format!("``{key}`` from ``{var}``")).collect();
        let with_options = self.options(false);
        let with_sig = signature(&[], &with_options, Param::declare, true);
        for v in VARIANTS.iter().filter(|v| !v.raw) {
            let (prefix, base) = (v.prefix, v.client);
            let how = if prefix.is_empty() { "synchronous (each call blocks its thread, not the others)" } else { "for asyncio (the methods are coroutines)" };
            let words = |text: String| text.split(' ').map(String::from).collect::<Vec<_>>();
            let doc = format!(
                "{}\n\n{about}\n\n{}",
                wrap(&words(format!("The {class} client, {how}: ``client.call(operation, params)`` and the namespaces {}.", names.join(", "))), 92),
                wrap(&words(format!("A key left out is read from the environment: {}.", env_doc.join(", "))), 92),
            );
            let _ = write!(out, "\n\nclass {prefix}{class}({base}):\n{}    _provider = {}\n    _env = ({},)\n", docstring(&doc, "    "), lit(provider), env.join(", "));
            for g in &top {
                let _ = writeln!(out, "    {} = Group({})", safe_name(g[0]), ns_class(prefix, g));
            }
            if identity {
                let _ = writeln!(out, "    identity = Group({prefix}Identity)");
            }
            let raw = VARIANTS.iter().find(|r| r.raw && r.a == v.a).map_or("", |r| r.prefix);
            let _ = writeln!(out, "    with_raw_response = Group(_{raw}{class})");
            let doc = if prefix.is_empty() {
                format!("A {class} client (the config keys of :func:`kassa.build_request`).{}", sections(&params.iter().collect::<Vec<_>>(), None))
            } else {
                format!("An asyncio {class} client: the keyword arguments of :class:`{class}`.")
            };
            let _ = write!(out, "\n    def __init__{sig} -> None:\n{}        Client.__init__(self, locals())\n", docstring(&doc, "        "));
            let doc = format!("A copy of this client with other default per-call options (each call's own win), sharing its\nconfig, token and connection pool.\n\nArgs:\n    {}", self.options_doc());
            let _ = write!(out, "\n    def with_options{with_sig} -> {prefix}{class}:\n{}        return self._copy(locals())\n", docstring(&doc, "        "));
        }
        out
    }

    /// The per-call options as keyword-only parameters (`RequestOptions`'s fields): all of them
    /// for an operation with a resend key, all but `idempotency_key` otherwise (`keyed`).
    fn options(&self, keyed: bool) -> Vec<Param> {
        let all = self.params(self.model.call_options(), Side::Input);
        all.into_iter().filter(|p| keyed || p.wire != IDEMPOTENCY_KEY).collect()
    }

    /// The line that documents the options besides `idempotency_key` (in an `Args:` section).
    fn options_doc(&self) -> String {
        let mut words: Vec<String> = self.options(false).iter().map(|p| format!("``{}``,", p.name)).collect();
        if let Some(last) = words.last_mut() {
            last.pop();
            last.push(':');
        }
        words.extend(["per-call", "options", "(:class:`kassa.RequestOptions`)."].map(String::from));
        wrap(&words, 84)
    }

    /// One operation as a method of namespace variant `v` (only the sync one has docstrings: the
    /// others copy them at import).
    fn method(&self, op: &Operation<'_>, v: &Variant, documented: &mut Documented) -> String {
        let (a, w) = (v.a, v.w);
        let mut params = self.params(op.params, Side::Input);
        let options = self.options(op.resend_key.is_some());
        for p in &params {
            assert!(!["self", "locals", "params", "_cast"].contains(&p.name.as_str()), "{}: the parameter {} is reserved", op.id, p.name);
            // An option beside the params must never shadow one of them.
            assert!(!self.options(true).iter().any(|o| o.name == p.name), "{}: the param {} is a per-call option's name", op.id, p.name);
        }
        let out_ty = self.schema_ty(op.output, Side::Output);
        let ret_ty = if v.raw { format!("RawResponse[{out_ty}]") } else { out_ty.clone() };
        let documented_params = params.clone();
        params.extend(options);
        let sig = signature(&[], &params, Param::declare, true);
        let renamed: Vec<String> = params.iter().filter(|p| p.name != p.wire).map(|p| format!("{}: {}", lit(&p.name), lit(&p.wire))).collect();
        let renamed = if renamed.is_empty() { String::new() } else { format!(", {{{}}}", renamed.join(", ")) };
        let call = format!("{w}self._call({}, locals(){renamed})", lit(op.id));
        let ret = if ret_ty == "Any" { call } else { format!("_cast({}, {call})", lit(&ret_ty)) };
        let params = documented_params;
        let mut out = format!("\n    {a}def {}{sig} -> {ret_ty}:\n", safe_name(op.method_name()));
        if v.documented {
            let params_schema = self.model.resolve(op.params, Side::Input);
            let about = model::doc(params_schema).unwrap_or_default();
            let mut doc = if about.starts_with(&format!("`{}`", op.id)) { about } else { format!("``{}``: {about}", op.id) };
            let out_doc = model::doc(self.model.resolve(op.output, Side::Output));
            // A parameter with the same doc as on an earlier method of the client is named only,
            // with a pointer to where it is documented.
            let here = format!("client.{}", op.id.split_once('.').map_or(op.id, |(_, rest)| rest));
            let mut fresh: Vec<&Param> = Vec::new();
            let mut again: Vec<(String, Vec<String>)> = Vec::new();
            for p in &params {
                let text = p.doc.clone().unwrap_or_default();
                match documented.iter().find(|(wire, d, _)| *wire == p.wire && *d == text) {
                    Some((_, _, at)) => match again.iter_mut().find(|(w, _)| w == at) {
                        Some((_, names)) => names.push(format!("``{}``,", p.name)),
                        None => again.push((at.clone(), vec![format!("``{}``,", p.name)])),
                    },
                    None => {
                        fresh.push(p);
                        documented.push((p.wire.clone(), text, here.clone()));
                    }
                }
            }
            let mut also: Vec<String> = again
                .into_iter()
                .map(|(at, mut names)| {
                    if let Some(last) = names.last_mut() {
                        last.pop();
                    }
                    names.push(format!("as on ``{at}``."));
                    wrap(&names, 88)
                })
                .collect();
            if let Some(key) = op.resend_key {
                also.push(format!("{IDEMPOTENCY_KEY}: the ``{key}`` to use when the params leave it out: a call with one is\n    resent after a lost answer (the provider refuses a second object with the same key)."));
            }
            also.push(self.options_doc());
            doc.push_str(&sections_with(&fresh, &also, Some((&out_ty, out_doc))));
            out.push_str(&docstring(&doc, "        "));
        }
        let _ = writeln!(out, "        return {ret}");
        out
    }

    // -- __init__.py ------------------------------------------------------------------------------

    fn package(&self) -> String {
        let clients: Vec<String> = self
            .model
            .configs()
            .iter()
            .flat_map(|c| {
                let options = model::ref_name(c.schema).unwrap_or("");
                let class = options.strip_suffix("Options").unwrap_or(options).to_owned();
                [class.clone(), format!("Async{class}")]
            })
            .collect();
        let modules: Vec<String> = self.namespaces().iter().filter(|(p, _, _)| p.len() == 1).map(|(p, _, _)| p[0].to_owned()).collect();
        let mut out = header();
        out.push_str(PACKAGE_HEAD);
        let _ = writeln!(out, "from kassa._clients import {}", clients.join(", "));
        let _ = writeln!(out, "from kassa import {}", modules.join(", "));
        let all: Vec<String> = PACKAGE_NAMES.iter().map(|s| s.to_string()).chain(clients).chain(modules).collect();
        let quoted: Vec<String> = all.iter().map(|n| format!("{},", lit(n))).collect();
        let _ = writeln!(out, "\n__all__ = [\n    {}\n]", wrap(&quoted, 96).replace('\n', "\n    "));
        out
    }
}

/// Closed string values: `Literal["a"]`, or a union of one `Literal` each, which is a `Union` at
/// run time as it is for mypy (stubtest compares the two).
fn literals(values: &[String]) -> String {
    let each: Vec<String> = values.iter().map(|v| format!("Literal[{}]", lit(v))).collect();
    if each.len() == 1 {
        each[0].clone()
    } else {
        format!("Union[{}]", each.join(", "))
    }
}

/// The definitions an alias's schema refers to.
fn refs(schema: &Value) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(o) => {
                if let Some(name) = model::ref_name(v) {
                    out.push(name.to_owned());
                }
                o.values().for_each(|x| walk(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    walk(schema, &mut out);
    out
}

/// An alias's docstring: its doc, and the known values of an enum with theirs.
fn alias_doc(schema: &Value) -> String {
    let mut doc = model::doc(schema).unwrap_or_default();
    let docs = enum_docs(schema);
    let consts: Vec<(String, String)> = schema
        .get("oneOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| Some((v.get("const")?.as_str()?.to_owned(), model::doc(v).unwrap_or_default())))
        .collect();
    let values = if docs.is_empty() { consts } else { docs };
    if !values.is_empty() {
        doc.push_str(if schema.get("x-kassa-open-enum").is_some() { "\n\nKnown values (others are kept as sent):" } else { "\n\nValues:" });
        for (value, about) in values {
            let _ = write!(doc, "\n\n- ``{value}``: {about}");
        }
    }
    doc
}

const TYPES_HEAD: &str = r#""""Typed shapes of kassa's plain-data inputs and outputs, generated from the core's types (the
docstrings are their Rust doc comments). They are ``TypedDict``\ s: at runtime ordinary ``dict``\ s
with the provider's wire names; every integer is an exact ``int`` and bytes are ``bytes``. Inputs
(params, arguments, configs) also take sequences for lists and ``bytearray`` for bytes. A key the
core requires is a required key; the others may be left out (``None`` counts as left out)."""

from __future__ import annotations

import builtins
from typing import Any, Dict, List, Literal, Mapping, Optional, Sequence, Tuple, TypedDict, Union
"#;

const CATALOG_ENTRY: &str = r#"

class _CatalogEntryRequired(TypedDict):
    id: str
    """The operation id or function name (``digiteal.invoices.create``, ``iban.validate``)."""
    kind: Literal["request", "link", "callback", "function"]
    """An API request, a link a browser opens, a redirect parser or a pure function."""
    provider: Optional[str]
    """The provider, when it belongs to one."""
    method: Optional[str]
    """The HTTP method (requests and links)."""
    path: Optional[str]
    """The path template (requests and links)."""
    retry_safe: bool
    """Whether a retry after the request may have arrived is harmless."""
    params: str
    """The name of the params type (in :mod:`kassa.types`)."""
    output: str
    """The name of the output type."""


class CatalogEntry(_CatalogEntryRequired, total=False):
    """One entry of :func:`kassa.operations`."""

    positional: List[str]
    """The parameters given positionally (callbacks and functions), in order."""
"#;

const NATIVE_HEAD: &str = r#""""The native module (Rust, pyo3). Use it through the ``kassa`` package: ``kassa.epc.build`` is
``_kassa.epc__build``."""

from typing import Any, Callable, Dict, List, Literal, Mapping, Optional, Sequence, Tuple, Union, final

"#;

const NATIVE_FIXED: &str = r#"
__version__: str

@final
class HttpRequest:
    """A request built by kassa. ``repr()`` redacts credential headers; the attributes are real."""

    @property
    def method(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def headers(self) -> List[Tuple[str, str]]: ...
    @property
    def body(self) -> bytes: ...

@final
class Client:
    """The native half of a provider client: config, pooled HTTP client, shared runtime."""

    def __new__(cls, provider: str, config: Mapping[str, Any]) -> Client: ...
    @property
    def provider(self) -> str: ...
    @property
    def closed(self) -> bool: ...
    def close(self) -> None: ...
    def call(self, operation: str, params: Optional[Mapping[str, Any]] = None, options: Optional[Mapping[str, Any]] = None, *, raw: bool = False, log: Optional[Callable[..., None]] = None, future: bool = False) -> Any:
        """The output (``raw``: ``(output, meta)``); with ``future``, an ``asyncio.Future`` of it."""
    def identity_start(self, params: Mapping[str, Any], options: Optional[Mapping[str, Any]] = None, *, log: Optional[Callable[..., None]] = None, future: bool = False) -> Any: ...
    def identity_check(self, reference: str, expires_at: Optional[int] = None, options: Optional[Mapping[str, Any]] = None, *, log: Optional[Callable[..., None]] = None, future: bool = False) -> Any: ...

def build_request(operation: str, params: Optional[Mapping[str, Any]] = None, *, config: Mapping[str, Any]) -> HttpRequest:
    """Builds the request of ``operation`` without sending it (an upload gets a random boundary)."""

def parse_response(
    operation: str,
    status: int,
    headers: Union[Sequence[Tuple[str, str]], Mapping[str, Union[str, Sequence[str]]], None],
    body: Union[bytes, bytearray, str, None],
    *,
    now: Optional[int] = None,
) -> Any:
    """Parses an answer of ``operation`` (read by the core's ``ResponseInput``)."""

def operations() -> List[CatalogEntry]:
    """Every catalog entry: requests, links, callbacks and functions."""

def call_function(name: str, args: Optional[Sequence[Any]] = None, kwargs: Optional[Mapping[str, Any]] = None) -> Any:
    """Calls the kassa function ``name`` (``"epc.build"``) with positional ``args`` and keyword ``kwargs``."""

def function_names() -> List[str]:
    """Every function :func:`call_function` knows, ``namespace.function``."""
"#;

/// The names the native module defines besides the functions (`lib.rs`).
const NATIVE_NAMES: &[&str] =
    &["__version__", "build_request", "parse_response", "operations", "call_function", "function_names", "HttpRequest", "Client"];

const CLIENTS_HEAD: &str = r#""""The typed clients, generated from the core's catalog: one namespace per group of operation ids
(``digiteal.invoices.create`` is ``client.invoices.create``), one method per request with the
params' wire names as keyword-only parameters (a wire name that is not a Python identifier is
spelt safely, e.g. ``User_Agent`` for ``User-Agent``), the output's TypedDict as return type and
the core's doc comments as docstrings. :mod:`kassa._base` does the work."""

from __future__ import annotations

from typing import Any, Dict, List, Literal, Mapping, Optional, Sequence, Tuple, Union
from typing import cast as _cast

from kassa._base import (
    AsyncClient,
    AsyncNamespace,
    Client,
    Group,
    RawAsyncNamespace,
    RawAsyncView,
    RawResponse,
    RawSyncNamespace,
    RawSyncView,
    SECRET_OUTPUTS,
    SyncClient,
    SyncNamespace,
    docs_from,
)
"#;

/// The name of the per-call option that fills an operation's resend key.
const IDEMPOTENCY_KEY: &str = "idempotency_key";

/// One of the four trees of namespaces a client has: sync, asyncio, and their
/// `with_raw_response` views.
struct Variant {
    /// The class-name prefix (`_AsyncDigitealInvoices`).
    prefix: &'static str,
    /// The base class of its namespaces (in `kassa._base`).
    namespace: &'static str,
    /// The base class of its client (plain variants) or raw view (raw variants).
    client: &'static str,
    view: &'static str,
    /// `async ` and `await ` for the asyncio variants.
    a: &'static str,
    w: &'static str,
    /// Whether its methods answer `RawResponse[...]`.
    raw: bool,
    /// Whether its methods carry the docstrings (the others copy them with `docs_from`).
    documented: bool,
}

const VARIANTS: [Variant; 4] = [
    Variant { prefix: "", namespace: "SyncNamespace", client: "SyncClient", view: "", a: "", w: "", raw: false, documented: true },
    Variant { prefix: "Async", namespace: "AsyncNamespace", client: "AsyncClient", view: "", a: "async ", w: "await ", raw: false, documented: false },
    Variant { prefix: "Raw", namespace: "RawSyncNamespace", client: "", view: "RawSyncView", a: "", w: "", raw: true, documented: false },
    Variant { prefix: "AsyncRaw", namespace: "RawAsyncNamespace", client: "", view: "RawAsyncView", a: "async ", w: "await ", raw: true, documented: false },
];

const IDENTITY_DOC: &str = "``client.identity``: the provider-neutral identification flow over this client's provider (the\ncore's ``Client::identity_start`` / ``identity_check``; sans-IO: :mod:`kassa.identity`).";

const CHECK_DOC: &str = "Where the identification ``reference`` stands: asks the provider where it has a status call\n(Billit's only evidence is the redirect: see :func:`kassa.identity.finish`). ``expires_at`` (Unix\nseconds, from :meth:`start`) tells pending from expired.";

const PACKAGE_HEAD: &str = r#""""kassa: one SDK for European e-invoicing, payments and identity verification.

The sans-IO layer builds and parses without sending anything::

    request = kassa.build_request("passportreader.session.create", {"reference": "order-1"},
                                  config={"public_key": "public-key-...", "secret": "secret-..."})
    output = kassa.parse_response("passportreader.session.create", status, headers, body)

The clients send too (with retries and timeouts), synchronously or with asyncio::

    client = kassa.PassportReader(public_key="public-key-...", secret="secret-...")
    session = client.session.create(reference="order-1")
    started = client.identity.start(subject="order-1")

The pure functions are modules: ``kassa.epc.build(...)``, ``kassa.iban.validate(s)``,
``kassa.billit.verify_webhook(...)``, ``kassa.identity.finish(...)``,
``kassa.digiteal.pay_buttons.image_url(...)``, ...

Errors are :class:`KassaError` subclasses with a stable ``code``. The types are in
:mod:`kassa.types`. This file, the clients, the function modules and the types are generated
from the core (``cargo run -p xtask -- codegen``).
"""

from kassa import types as types
from kassa._errors import (
    ApiError,
    AuthenticationError,
    BadRequestError,
    CallbackError,
    ConflictError,
    DecodeError,
    KassaError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    SignatureError,
    TransportError,
    ValidationError,
)
from kassa._kassa import HttpRequest, __version__, build_request, call_function, function_names, operations, parse_response
from kassa._base import RawResponse, Secret
from kassa.types import RequestOptions
"#;

/// The exports of `__init__.py` besides the clients and the function modules (`PACKAGE_HEAD`).
const PACKAGE_NAMES: &[&str] = &[
    "__version__", "build_request", "parse_response", "operations", "call_function", "function_names", "HttpRequest",
    "types", "RequestOptions", "RawResponse", "Secret", "KassaError", "ValidationError", "ApiError", "BadRequestError",
    "AuthenticationError", "PermissionDeniedError", "NotFoundError", "ConflictError", "RateLimitError", "ServerError",
    "TransportError", "DecodeError", "SignatureError", "CallbackError",
];
