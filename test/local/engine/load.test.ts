import { parseTemplate, TemplateSyntaxError } from '../../../local/engine/template/load';
import { SHORT_TAGS } from '../../../local/engine/template/short-tags';

function syntaxErrors(text: string): unknown {
  try {
    parseTemplate(text, 't.yaml');
  } catch (e) {
    if (e instanceof TemplateSyntaxError) return e.diagnostics;
    throw e;
  }
  return [];
}

describe('template loading', () => {
  it('turns every short tag into its long form, in scalar, sequence and mapping nodes', () => {
    const lines = Object.keys(SHORT_TAGS).map((tag, i) => `  S${i}: ${tag} x\n  L${i}: ${tag} [a, b]\n  M${i}: ${tag} { k: v }`);
    const { body } = parseTemplate(`Values:\n${lines.join('\n')}\n`);
    const values = body.Values as Record<string, unknown>;
    Object.values(SHORT_TAGS).forEach((long, i) => {
      expect(values[`S${i}`]).toEqual({ [long]: long === 'Fn::GetAtt' ? ['x'] : 'x' });
      expect(values[`L${i}`]).toEqual({ [long]: ['a', 'b'] });
      expect(values[`M${i}`]).toEqual({ [long]: { k: 'v' } });
    });
    expect(Object.keys(SHORT_TAGS)).toHaveLength(17);
  });

  it('splits !GetAtt at the first dot only and keeps nested tags', () => {
    const { body } = parseTemplate('A: !GetAtt Train.Output.metrics.0.accuracy\nB: !Join ["", [!Ref X, !Select [0, !GetAZs ""]]]\n');
    expect(body).toEqual({
      A: { 'Fn::GetAtt': ['Train', 'Output.metrics.0.accuracy'] },
      B: { 'Fn::Join': ['', [{ Ref: 'X' }, { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }]] },
    });
  });

  it('maps template paths to lines and columns (a tagged node at its tag), a missing path to its nearest ancestor', () => {
    const { sourceMap } = parseTemplate('Resources:\n  Train:\n    Properties:\n      Input: [a, !Ref B]\n');
    expect(sourceMap.locate(['Resources', 'Train', 'Properties', 'Input'])).toEqual({ line: 4, column: 7 });
    expect(sourceMap.locate(['Resources', 'Train', 'Properties', 'Input', 1, 'Ref'])).toEqual({ line: 4, column: 18 });
    expect(sourceMap.locate(['Resources', 'Train', 'Properties', 'Missing'])).toEqual({ line: 3, column: 5 });
  });

  it('refuses duplicate keys (CloudFormation would keep the last silently) and reports syntax errors by position', () => {
    expect(syntaxErrors('Resources:\n  A: {Type: X}\n  A: {Type: Y}\n')).toEqual([{ path: [], position: { line: 3, column: 3 }, message: 'Map keys must be unique' }]);
    expect(syntaxErrors('A: !Base64 !Sub x\n')).toEqual([{ path: [], position: { line: 1, column: 12 }, message: 'A node can have at most one tag' }]);
    expect(syntaxErrors('- a\n- b\n')).toEqual([{ path: [], position: { line: 1, column: 1 }, message: 'a template is a mapping of sections (Resources, Parameters, ...)' }]);
  });

  it('reads JSON templates, tabs included, with positions', () => {
    const { body, sourceMap } = parseTemplate('{\n\t"Resources": {\n\t\t"A": {"Type": "AWS::SNS::Topic"}\n\t}\n}\n', 't.json');
    expect(body).toEqual({ Resources: { A: { Type: 'AWS::SNS::Topic' } } });
    expect(sourceMap.locate(['Resources', 'A', 'Type'])).toEqual({ line: 3, column: 9 });
  });

  it('reports the first ten syntax errors and how many more follow, not one per line after an error', () => {
    const text = `Resources:\n${Array.from({ length: 15 }, (_, i) => `  R${i}: a: b\n`).join('')}`;
    const diagnostics = syntaxErrors(text) as Array<{ position: unknown; message: string }>;
    expect(diagnostics).toHaveLength(11);
    expect(diagnostics[9]).toEqual({ path: [], position: { line: 11, column: 7 }, message: 'Nested mappings are not allowed in compact mappings' });
    expect(diagnostics[10]).toEqual({ path: [], position: { line: 12, column: 8 }, message: '5 more syntax errors from here on, often caused by the first ones: fix those and check again' });
  });
});
