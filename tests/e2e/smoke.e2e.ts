import { expect, test } from '@playwright/test';
test('home loads', async ({ page }) => { await page.goto('./'); await expect(page.locator('h1')).toHaveText('Aisle'); });
