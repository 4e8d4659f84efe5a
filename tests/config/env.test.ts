// The environment is parsed once into one typed object; a bad value is refused naming the variable.
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../config/env.ts';
import { ConfigError } from '../../config/load.ts';

describe('parseEnv', () => {
  it('groups the settings by who uses them; blank is the same as unset', () => {
    const env = parseEnv({
      MINSHENG_DATA: ' /srv/minsheng ',
      MEILI_URL: 'http://127.0.0.1:7700',
      MEILI_API_KEY: 'k',
      OLLAMA_HOST: '127.0.0.1:11434',
      MINSHENG_WECOM_WEBHOOK: 'https://qyapi.example/cgi-bin/webhook/send?key=x',
      MINSHENG_WEBHOOK_URL: '',
      MINSHENG_NOTIFY_QUIET_HOURS: '22:00-07:00',
      MINSHENG_TRUST_PROXY: 'yes',
      PATH: '/usr/bin',
    });
    expect(env).toEqual({
      dataDir: '/srv/minsheng',
      trustProxy: 'yes',
      https: false,
      meili: { url: 'http://127.0.0.1:7700', apiKey: 'k' },
      llm: { host: '127.0.0.1:11434' },
      notify: { wecomWebhook: 'https://qyapi.example/cgi-bin/webhook/send?key=x', quietHours: '22:00-07:00', admin: {} },
    });
    expect(parseEnv({})).toEqual({ https: false, notify: { admin: {} } });
  });

  it("takes the proxy list, HTTPS, Chromium and the administrators' channels too", () => {
    const env = parseEnv({
      MINSHENG_TRUST_PROXY: '10.0.0.5, 10.1.0.0/16',
      MINSHENG_HTTPS: 'YES',
      MINSHENG_CHROMIUM: '/opt/chromium',
      MINSHENG_ADMIN_WEBHOOK_URL: 'https://ops.example/hook',
    });
    expect(env).toMatchObject({
      trustProxy: '10.0.0.5, 10.1.0.0/16',
      https: true,
      chromium: '/opt/chromium',
      notify: { admin: { webhookUrl: 'https://ops.example/hook' } },
    });
  });

  it('refuses a bad value in Chinese, naming the variable', () => {
    let err: unknown;
    try {
      parseEnv({
        MINSHENG_DINGTALK_WEBHOOK: 'oapi.dingtalk.com/robot',
        MINSHENG_NOTIFY_QUIET_HOURS: '晚上',
        MINSHENG_TRUST_PROXY: '10.0.0.300',
        MINSHENG_HTTPS: 'maybe',
        MINSHENG_ADMIN_WECOM_WEBHOOK: 'qyapi/hook',
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems).toEqual([
      'MINSHENG_TRUST_PROXY：应为 1/true/yes、0/false/no，或逗号分隔的代理 IP 地址或网段（例如 10.0.0.5,10.0.0.0/24）',
      'MINSHENG_HTTPS：应为 1/true/yes 或 0/false/no',
      'MINSHENG_NOTIFY_QUIET_HOURS：应为免打扰时段，如 22:00-07:00',
      'MINSHENG_DINGTALK_WEBHOOK：钉钉机器人地址应为 http:// 或 https:// 开头的网址',
      'MINSHENG_ADMIN_WECOM_WEBHOOK：管理员企业微信机器人地址应为 http:// 或 https:// 开头的网址',
    ]);
  });
});
