import { describe, expect, it } from 'vitest';
import {
  FieldPath,
  errorBody,
  errorString,
  forbidden,
  goValue,
  invalid,
  invalidStatus,
  kubectlInvalidMessage,
  notSupported,
  required,
  tooMany,
} from './field-errors';
import { validateCreate } from './validation';

const WEB_1 =
  "metadata.name: Invalid value: \"Web_1\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe('field errors', () => {
  it('formats values as Go does', () => {
    expect(errorString(required(FieldPath.root('spec', 'containers').index(0).child('image')))).toBe(
      'spec.containers[0].image: Required value',
    );
    expect(
      errorString(
        notSupported(FieldPath.root('spec', 'restartPolicy'), 'Sometimes', ['Always', 'OnFailure', 'Never']),
      ),
    ).toBe(
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    );
    expect(errorBody(invalid('x', 70000, 'must be between 1 and 65535, inclusive'))).toBe(
      'Invalid value: 70000: must be between 1 and 65535, inclusive',
    );
    expect(errorBody(invalid('x', null, 'd'))).toBe('Invalid value: "null": d');
    expect(errorBody(invalid('x', 'a"b\n', 'd'))).toBe('Invalid value: "a\\"b\\n": d');
    expect(errorBody(forbidden('x', 'nope'))).toBe('Forbidden: nope');
    expect(errorBody(invalid('x', goValue('map[string]string{"a":"b"}'), 'd'))).toBe(
      'Invalid value: map[string]string{"a":"b"}: d',
    );
    expect(errorBody(tooMany('x', 5, 3))).toBe('Too many: 5: must have at most 3 items');
    expect(FieldPath.root('metadata', 'labels').key('app').toString()).toBe('metadata.labels[app]');
  });

  it('builds the Status for the FIDELITY example', () => {
    const errs = validateCreate('Pod', {
      metadata: { name: 'Web_1', namespace: 'default' },
      spec: {
        containers: [
          { name: 'web', image: 'nginx', imagePullPolicy: 'Always', terminationMessagePolicy: 'File' },
        ],
        restartPolicy: 'Always',
        dnsPolicy: 'ClusterFirst',
        terminationGracePeriodSeconds: 30,
      },
    });
    expect(errs.map(errorString)).toEqual([WEB_1]);
    const status = invalidStatus('Pod', '', 'Web_1', errs);
    expect(status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `Pod "Web_1" is invalid: ${WEB_1}`,
      reason: 'Invalid',
      details: {
        name: 'Web_1',
        kind: 'Pod',
        causes: [
          {
            reason: 'FieldValueInvalid',
            message: WEB_1.slice('metadata.name: '.length),
            field: 'metadata.name',
          },
        ],
      },
      code: 422,
    });
    expect(kubectlInvalidMessage(status)).toBe(`The Pod "Web_1" is invalid: ${WEB_1}\n`);
  });

  it('brackets several errors, dedups the message but not the causes, and qualifies the group', () => {
    const e = required('spec.selector');
    const s = invalidStatus('Deployment', 'apps', 'web', [
      e,
      e,
      invalid('spec.replicas', -1, 'must be greater than or equal to 0'),
    ]);
    expect(s.message).toBe(
      'Deployment.apps "web" is invalid: [spec.selector: Required value, spec.replicas: Invalid value: -1: must be greater than or equal to 0]',
    );
    expect(s.details.causes).toHaveLength(3);
    expect(s.details.group).toBe('apps');
    expect(kubectlInvalidMessage(s)).toBe(
      'The Deployment "web" is invalid: \n* spec.selector: Required value\n* spec.replicas: Invalid value: -1: must be greater than or equal to 0\n',
    );
  });
});
