import { create, parseDependencies, type FactoryFunctionMap, type MathNode } from 'mathjs';
import { FUNCTION_ALIASES, NAMED_CONSTANTS, UNARY_BY_NAME } from './functions';
import { Op, TapeBuilder, tapeEndingAt, type Tape } from './tape';

/** A formula the compiler refused, with the 0-based character position of the problem when one is known. */
export class FormulaError extends Error {
  constructor(message: string, readonly position: number | null) {
    super(position === null ? message : `${message} (at character ${position + 1})`);
    this.name = 'FormulaError';
  }
}

export const MAX_FORMULA_LENGTH = 500;

/** Only the parser is taken from mathjs: the AST is walked here against a whitelist and never evaluated by mathjs. */
const math = create({ parseDependencies } as FactoryFunctionMap);

/**
 * Compiles a user formula in the variables `vars` (x, y for surfaces) to a tape. The formula is parsed by
 * mathjs into an AST; only numbers, the variables, pi/e/tau, + - * / ^ (and implicit multiplication), unary
 * minus, parentheses, the whitelisted functions of functions.ts, min and max are accepted. Anything else
 * (assignments, property access, matrices, strings, comparisons, unknown names) is a FormulaError naming the
 * construct and, where it can be found, its position. Nothing is ever evaluated as code.
 */
export function compileFormula(text: string, vars: readonly string[] = ['x', 'y']): Tape {
  if (typeof text !== 'string') throw new FormulaError('formula must be text', null);
  const source = text.trim();
  if (source.length === 0) throw new FormulaError('formula is empty', null);
  if (text.length > MAX_FORMULA_LENGTH) throw new FormulaError(`formula is longer than ${MAX_FORMULA_LENGTH} characters`, MAX_FORMULA_LENGTH);
  const hash = text.indexOf('#');
  if (hash >= 0) throw new FormulaError('"#" is not allowed (it would start a comment)', hash);
  checkNesting(text);
  let root: MathNode;
  try {
    root = math.parse(text);
  } catch (e) {
    const err = e as { message?: string; char?: number };
    const msg = (err.message ?? 'syntax error').replace(/\s*\(char \d+\)\s*$/, '');
    const char = typeof err.char === 'number' ? Math.max(0, err.char - 1) : null;
    throw new FormulaError(msg, char);
  }
  const builder = new TapeBuilder(vars);
  const varIndex = new Map(vars.map((v, i) => [v, i]));
  const locate = (name: string): number | null => {
    if (!/^[A-Za-z_]\w*$/.test(name)) {
      const i = text.indexOf(name);
      return i >= 0 ? i : null;
    }
    const m = new RegExp(`(^|[^A-Za-z0-9_])${name}(?![A-Za-z0-9_])`).exec(text);
    return m ? m.index + m[1]!.length : null;
  };

  const walk = (node: MathNode, depth: number): number => {
    if (depth > MAX_TREE_DEPTH) throw new FormulaError('formula is nested too deeply', null);
    const n = node as MathNode & Record<string, unknown>;
    switch (node.type) {
      case 'ParenthesisNode':
        return walk(n.content as MathNode, depth + 1);
      case 'ConstantNode': {
        const v = n.value;
        if (typeof v !== 'number') throw new FormulaError(`only numbers are allowed, not ${JSON.stringify(v)}`, locate(String(v)));
        if (!Number.isFinite(v)) throw new FormulaError(`number out of range: ${String(v)}`, null);
        return builder.constant(v);
      }
      case 'SymbolNode': {
        const name = String(n.name);
        const vi = varIndex.get(name);
        if (vi !== undefined) return builder.variable(vi);
        const c = NAMED_CONSTANTS.get(name);
        if (c !== undefined) return builder.constant(c);
        const fn = UNARY_BY_NAME.has(name) || FUNCTION_ALIASES.has(name);
        throw new FormulaError(fn ? `${name} is a function: write ${name}(...)` : `unknown name "${name}" (use ${vars.join(', ')}, pi, e)`, locate(name));
      }
      case 'OperatorNode':
        return walkOperator(n, depth);
      case 'FunctionNode': {
        const fnNode = n.fn as MathNode & { type: string; name?: unknown };
        if (fnNode.type !== 'SymbolNode') throw new FormulaError('only named functions can be called', null);
        const raw = String(fnNode.name);
        const name = FUNCTION_ALIASES.get(raw) ?? raw;
        const args = n.args as MathNode[];
        if (name === 'min' || name === 'max') {
          if (args.length < 2) throw new FormulaError(`${raw} needs at least two arguments`, locate(raw));
          return args.map((a) => walk(a, depth + 1)).reduce((p, q) => (name === 'min' ? builder.min(p, q) : builder.max(p, q)));
        }
        if (name === 'pow') {
          if (args.length !== 2) throw new FormulaError('pow needs two arguments', locate(raw));
          return builder.powGeneral(walk(args[0]!, depth + 1), walk(args[1]!, depth + 1));
        }
        const fi = UNARY_BY_NAME.get(name);
        if (fi === undefined) throw new FormulaError(`unknown function "${raw}"`, locate(raw));
        if (args.length !== 1) throw new FormulaError(`${raw} takes one argument, got ${args.length}`, locate(raw));
        return builder.unary(fi, walk(args[0]!, depth + 1));
      }
      default:
        throw new FormulaError(`${describeNode(node.type)} is not allowed in a formula`, null);
    }
  };

  const walkOperator = (n: MathNode & Record<string, unknown>, depth: number): number => {
    const args = n.args as MathNode[];
    const fn = String(n.fn);
    if (args.length === 1) {
      if (fn === 'unaryMinus') return builder.neg(walk(args[0]!, depth + 1));
      if (fn === 'unaryPlus') return walk(args[0]!, depth + 1);
    } else if (args.length === 2) {
      const a = walk(args[0]!, depth + 1);
      const b = walk(args[1]!, depth + 1);
      switch (fn) {
        case 'add': return builder.add(a, b);
        case 'subtract': return builder.sub(a, b);
        case 'multiply': return builder.mul(a, b);
        case 'divide': return builder.div(a, b);
        case 'pow': return builder.powGeneral(a, b);
        default: break;
      }
    }
    throw new FormulaError(`operator "${String(n.op)}" is not supported (use + - * / ^)`, locate(String(n.op)));
  };

  const out = walk(root, 0);
  const tape = tapeEndingAt(builder.build(), out);
  const bad = tape.instrs.find((ins) => ins.op === Op.Const && !Number.isFinite(ins.c));
  if (bad) throw new FormulaError(`a constant part of the formula evaluates to ${bad.c} (overflow or an undefined operation)`, null);
  return tape;
}

/** Bracket nesting allowed before parsing: mathjs parses recursively, and deep nesting would overflow its stack. */
export const MAX_BRACKET_DEPTH = 100;
/** Depth of the parsed tree walked here (mathjs builds left-deep trees, so this also caps a flat sum at 200 terms). */
const MAX_TREE_DEPTH = 200;

function checkNesting(text: string): void {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '[' || ch === '{') {
      if (++depth > MAX_BRACKET_DEPTH) throw new FormulaError(`formula is nested too deeply (more than ${MAX_BRACKET_DEPTH} brackets)`, i);
    } else if (ch === ')' || ch === ']' || ch === '}') {
      depth = Math.max(0, depth - 1);
    }
  }
}

function describeNode(type: string): string {
  switch (type) {
    case 'AssignmentNode': return 'assignment';
    case 'FunctionAssignmentNode': return 'defining a function';
    case 'AccessorNode': return 'property or index access';
    case 'ArrayNode': return 'a matrix or list';
    case 'ObjectNode': return 'an object';
    case 'ConditionalNode': return 'a conditional (a ? b : c)';
    case 'BlockNode': return 'several statements';
    case 'RangeNode': return 'a range';
    case 'IndexNode': return 'indexing';
    case 'RelationalNode': return 'a comparison';
    default: return type;
  }
}

/** Compiles, returning either the tape or the error, for callers that must keep the previous surface on failure. */
export function tryCompileFormula(text: string, vars: readonly string[] = ['x', 'y']): { ok: true; tape: Tape } | { ok: false; error: FormulaError } {
  try {
    return { ok: true, tape: compileFormula(text, vars) };
  } catch (e) {
    return { ok: false, error: e instanceof FormulaError ? e : new FormulaError(String((e as Error).message ?? e), null) };
  }
}
