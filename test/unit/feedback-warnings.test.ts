import { describe, expect, it } from 'vitest';
import { findIdentifyingContent, findingKinds, idCheckChar, type WarningKind } from '@/utils/feedback/warnings';

/** `kind:text` of every finding, and a check that offsets point at that text. */
function found(text: string, ownNames: string[] = []): string[] {
  const findings = findIdentifyingContent(text, { ownNames });
  for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.text);
  return findings.map((f) => `${f.kind}:${f.text}`);
}

/** A valid 18-character resident ID for a birth date (check digit computed, not hard-coded). */
function residentId(first17: string): string {
  return first17 + idCheckChar(first17).toUpperCase();
}

describe('self-identifying content: phone numbers', () => {
  it.each([
    ['我的电话是13812345678，有事找我', 'phone:13812345678'],
    ['手机 138 1234 5678 随时打', 'phone:138 1234 5678'],
    ['加我 +86-138-1234-5678', 'phone:+86-138-1234-5678'],
    ['座机 010-62345678 打不通', 'phone:010-62345678'],
    ['办公室电话（0755）8601 3388', 'phone:（0755）8601 3388'],
    ['call me on +44 20 7946 0958 after work', 'phone:+44 20 7946 0958'],
    ['my number is (415) 555-2671', 'phone:(415) 555-2671'],
  ])('flags %s', (text, expected) => {
    expect(found(text)).toEqual([expected]);
  });

  it.each([
    ['订单号：13912345678 查不到物流'],
    ['订单号 202403151234567 一直没有退款'],
    ['运单 75312345678901 卡在中转站'],
    ['客服热线 400-820-8820 总是占线'],
    ['Order #13912345678 was refunded twice'],
    ['KB 里缺少退货的说明，搜“退货 7天”搜不到'],
    ['SKU A13812345678B 的说明写错了'],
  ])('does not flag an order, waybill or hotline number: %s', (text) => {
    expect(found(text).filter((f) => f.startsWith('phone'))).toEqual([]);
  });
});

describe('self-identifying content: e-mail, ID and employee numbers', () => {
  it('flags e-mail addresses, including a QQ address made of a phone number (once, as e-mail)', () => {
    expect(found('有问题发 wang.xm@example.com')).toEqual(['email:wang.xm@example.com']);
    expect(found('邮箱 13812345678@qq.com')).toEqual(['email:13812345678@qq.com']);
  });

  it('flags a resident ID with a valid check digit, or any after 身份证', () => {
    const id = residentId('11010119900307123');
    expect(found(`客户说他的号码是 ${id}`)).toEqual([`idNumber:${id}`]);
    const wrongCheck = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    expect(found(`编号 ${wrongCheck}`)).toEqual([]);
    expect(found(`身份证 ${wrongCheck}`)).toEqual([`idNumber:${wrongCheck}`]);
  });

  it('flags employee and agent numbers after a word that says so', () => {
    expect(found('我的工号是 8123，请联系我')).toEqual(['employeeNumber:工号是 8123']);
    expect(found('坐席号：A10023 经常掉线')).toEqual(['employeeNumber:坐席号：A10023']);
    expect(found('Agent ID 44721 keeps getting logged out')).toEqual(['employeeNumber:Agent ID 44721']);
    expect(found('kf1024 账号被锁了')).toEqual(['employeeNumber:kf1024']);
    expect(found('需要三个人审批，2 个工作日')).toEqual([]);
  });
});

describe('self-identifying content: the agent’s own name', () => {
  it('finds a Chinese name, its given name and its pinyin', () => {
    expect(found('王小明觉得流程太慢', ['王小明'])).toEqual(['ownName:王小明']);
    expect(found('组长说小明做得好', ['王小明'])).toEqual(['ownName:小明']);
    expect(found('ask Wang Xiaoming', ['王小明'])).toEqual(['ownName:Wang Xiaoming']);
    expect(found('小红觉得流程太慢', ['王小明'])).toEqual([]);
  });

  it('finds a Latin name and its parts, whole words only', () => {
    expect(found('Alice Chen here', ['Alice Chen'])).toEqual(['ownName:Alice Chen']);
    expect(found('as alice said', ['Alice Chen'])).toEqual(['ownName:alice']);
    expect(found('Malice and chenille', ['Alice Chen'])).toEqual([]);
  });

  it('finds nothing for an empty or one-letter name', () => {
    expect(found('a b c', ['', ' ', 'a'])).toEqual([]);
  });
});

describe('self-identifying content: very specific times and places', () => {
  it.each([
    ['昨天下午3点20分有个客户骂我', 'time:昨天下午3点20分'],
    ['今天14:32系统崩了', 'time:今天14:32'],
    ['三点半的时候系统卡住', 'time:三点半'],
    ['3月15日那天排队特别长', 'time:3月15日'],
    ['2026-03-15 的排班有误', 'time:2026-03-15'],
    ['last Tuesday evening the queue exploded', 'time:last Tuesday evening'],
    ['上周二下午没人接', 'time:上周二下午'],
    ['座位号 B17 的耳机坏了', 'place:座位号 B17'],
    ['desk 14 near the window is freezing', 'place:desk 14'],
    ['我家住在中山路88号，网络很差', 'place:住在中山路88号'],
    ['12th floor is cold', 'place:12th floor'],
  ])('flags %s', (text, expected) => {
    expect(found(text)).toEqual([expected]);
  });

  it('flags both the date and the clock time in one sentence, in order', () => {
    expect(found('On March 15th at 3:20 pm the line dropped')).toEqual(['time:March 15th', 'time:3:20 pm']);
    expect(found('我坐在3楼的A-12号座位')).toEqual(['place:3楼', 'place:A-12号座位']);
  });

  it.each([
    ['每天早上8点开早会，太早了'],
    ['平均通话 05:30 太长了'],
    ['AHT 06:45 target is unrealistic'],
    ['最近两周排队太长'],
    ['平均等待 3 分钟'],
    ['the 3 minute wrap-up is too short'],
    ['退款流程太复杂，需要三个人审批'],
    ['上海的客户特别多'],
  ])('does not flag a routine time, a duration or a city: %s', (text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('findIdentifyingContent', () => {
  it('returns sorted, non-overlapping findings with offsets into the original text (full-width digits too)', () => {
    const text = '工号：８１２３，电话１３８１２３４５６７８，昨天下午3点20分';
    const findings = findIdentifyingContent(text);
    expect(findings.map((f) => f.kind)).toEqual(['employeeNumber', 'phone', 'time']);
    for (let i = 1; i < findings.length; i++) expect(findings[i]!.start).toBeGreaterThanOrEqual(findings[i - 1]!.end);
    expect(findings[1]!.text).toBe('１３８１２３４５６７８');
  });

  it('lists the kinds found once each', () => {
    const kinds: WarningKind[] = findingKinds(findIdentifyingContent('13812345678 或 13912345678，a@b.cn'));
    expect(kinds).toEqual(['email', 'phone']);
  });

  it('finds nothing in ordinary feedback in either language', () => {
    for (const text of [
      '知识库里关于七天无理由退货的文章已经过时了，和新政策对不上。',
      'The refund macro still mentions the old 14-day window.',
      '排班表下发太晚，周末加班没有提前通知。',
      'Breaks keep getting cut when the queue is long.',
    ]) {
      expect(found(text), text).toEqual([]);
    }
  });
});
