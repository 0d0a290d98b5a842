// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {AdMarket} from "../src/AdMarket.sol";
import {IAdMarket} from "../src/interfaces/IAdMarket.sol";
import {AdMarketBase} from "./AdMarketBase.t.sol";

contract AdMarketTest is AdMarketBase {
    // ------------------------------------------------------------------ create

    function test_createCampaign_escrowsBudgetAndEmitsTargets() public {
        uint64[] memory targets = _targets(3);
        uint256 before = token.balanceOf(alice);
        vm.expectEmit(address(market));
        emit IAdMarket.CampaignCreated(1, alice, BUDGET, CPC, start, end, "data:,ad", targets);
        uint256 id = _create(alice, targets);
        assertEq(id, 1);
        assertEq(before - token.balanceOf(alice), BUDGET);
        assertEq(token.balanceOf(address(market)), BUDGET);
        IAdMarket.Campaign memory c = market.getCampaign(id);
        assertEq(c.advertiser, alice);
        assertEq(c.budget, BUDGET);
        assertEq(c.cpc, CPC);
        assertEq(c.start, start);
        assertEq(c.end, end);
        assertEq(c.targetsHash, keccak256(abi.encodePacked(targets)));
    }

    function test_createCampaign_acceptsCoarseTargets() public {
        uint64[] memory targets = new uint64[](2);
        targets[0] = 0x8001fffffffffff; // res 0 base cell 0
        targets[1] = 0x841fb47ffffffff; // res 4 near Paris
        assertEq(_create(alice, targets), 1);
    }

    function test_createCampaign_revertsOnBadParams() public {
        uint64[] memory targets = _targets(1);
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.CpcTooLow.selector, MIN_CPC - 1, MIN_CPC));
        market.createCampaign(BUDGET, MIN_CPC - 1, start, end, "", targets);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.BudgetTooLow.selector, CPC - 1, CPC));
        market.createCampaign(CPC - 1, CPC, start, end, "", targets);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.InvalidWindow.selector, end, end));
        market.createCampaign(BUDGET, CPC, end, end, "", targets);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.InvalidWindow.selector, 0, block.timestamp));
        market.createCampaign(BUDGET, CPC, 0, uint40(block.timestamp), "", targets);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.InvalidTargetCount.selector, 0, 256));
        market.createCampaign(BUDGET, CPC, start, end, "", new uint64[](0));
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.InvalidTargetCount.selector, 257, 256));
        market.createCampaign(BUDGET, CPC, start, end, "", _targets(257));
        uint64[] memory bad = _targets(2);
        bad[1] = 0x881fb4662ffffff; // resolution 8: finer than a plot
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.InvalidTarget.selector, uint256(bad[1])));
        market.createCampaign(BUDGET, CPC, start, end, "", bad);
        vm.stopPrank();
    }

    function testFuzz_createCampaign_rejectsInvalidTargets(uint64 target) public {
        uint64[] memory targets = new uint64[](1);
        targets[0] = target;
        bool valid = _isValidTarget(target);
        if (!valid) {
            vm.expectRevert(abi.encodeWithSelector(IAdMarket.InvalidTarget.selector, uint256(target)));
        }
        vm.prank(alice);
        market.createCampaign(BUDGET, CPC, start, end, "", targets);
    }

    function testFuzz_createCampaign_escrowsExactBudget(uint128 budget, uint128 cpc) public {
        cpc = uint128(bound(cpc, MIN_CPC, 1000e18));
        budget = uint128(bound(budget, cpc, 1_000_000e18));
        vm.prank(alice);
        market.createCampaign(budget, cpc, start, end, "", _targets(1));
        assertEq(token.balanceOf(address(market)), budget);
    }

    function test_createCampaignWithPermit_needsNoApprove() public {
        vm.prank(alice);
        token.approve(address(market), 0);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = permitSig(aliceKey, address(market), BUDGET, deadline);
        vm.prank(alice);
        uint256 id = market.createCampaignWithPermit(
            BUDGET, CPC, start, end, "", _targets(2), IAdMarket.PermitSig(deadline, v, r, s)
        );
        assertEq(market.getCampaign(id).budget, BUDGET);
    }

    // ------------------------------------------------------------------ manage

    function test_pauseResume_toggleAndRevertOnNoChange() public {
        uint256 id = _create(alice, _targets(1));
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.PausedStateUnchanged.selector, id, false));
        market.resumeCampaign(id);
        vm.expectEmit(address(market));
        emit IAdMarket.CampaignPaused(id);
        market.pauseCampaign(id);
        assertTrue(market.getCampaign(id).paused);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.PausedStateUnchanged.selector, id, true));
        market.pauseCampaign(id);
        vm.expectEmit(address(market));
        emit IAdMarket.CampaignResumed(id);
        market.resumeCampaign(id);
        vm.stopPrank();
        assertFalse(market.getCampaign(id).paused);
    }

    function test_manage_revertsForOthersAndUnknown() public {
        uint256 id = _create(alice, _targets(1));
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.NotAdvertiser.selector, id, bob));
        vm.prank(bob);
        market.pauseCampaign(id);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.UnknownCampaign.selector, 99));
        vm.prank(bob);
        market.topUp(99, 1e18);
    }

    function test_topUp_growsBudget() public {
        uint256 id = _create(alice, _targets(1));
        vm.expectEmit(address(market));
        emit IAdMarket.CampaignToppedUp(id, 5e18, BUDGET + 5e18);
        vm.prank(alice);
        market.topUp(id, 5e18);
        assertEq(market.getCampaign(id).budget, BUDGET + 5e18);
        assertEq(token.balanceOf(address(market)), BUDGET + 5e18);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.BudgetTooLow.selector, 0, CPC));
        vm.prank(alice);
        market.topUp(id, 0);
    }

    function test_extend_movesEndLater() public {
        uint256 id = _create(alice, _targets(1));
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.EndNotLater.selector, id, end, end));
        vm.prank(alice);
        market.extend(id, end);
        vm.expectEmit(address(market));
        emit IAdMarket.CampaignExtended(id, end + 1 days);
        vm.prank(alice);
        market.extend(id, end + 1 days);
        assertEq(market.getCampaign(id).end, end + 1 days);
    }

    function test_endCampaign_setsEndNowAndBlocksManagement() public {
        uint256 id = _create(alice, _targets(1));
        vm.warp(block.timestamp + 1 hours);
        vm.expectEmit(address(market));
        emit IAdMarket.CampaignEndedEarly(id, uint40(block.timestamp));
        vm.prank(alice);
        market.endCampaign(id);
        assertEq(market.getCampaign(id).end, block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.CampaignEnded.selector, id, block.timestamp));
        vm.prank(alice);
        market.topUp(id, 1e18);
    }

    // ------------------------------------------------------------------ delivery and creative

    function test_setDelivery_emitsAndChecksSchedule() public {
        uint256 id = _create(alice, _targets(1));
        vm.expectEmit(address(market));
        emit IAdMarket.CampaignDeliveryUpdated(id, 5e18, 0x3e, 0x01ff00);
        vm.prank(alice);
        market.setDelivery(id, 5e18, 0x3e, 0x01ff00);
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.InvalidDelivery.selector, id));
        market.setDelivery(id, 0, 0, 1);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.InvalidDelivery.selector, id));
        market.setDelivery(id, 0, 0x80, 1);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.InvalidDelivery.selector, id));
        market.setDelivery(id, 0, 1, 0);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.InvalidDelivery.selector, id));
        market.setDelivery(id, CPC - 1, 1, 1);
        vm.stopPrank();
        // No storage: the escrow and the campaign are untouched.
        assertEq(market.getCampaign(id).budget, BUDGET);
    }

    function test_setDeliveryAndCreative_onlyAdvertiserWhileRunning() public {
        uint256 id = _create(alice, _targets(1));
        vm.startPrank(bob);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.NotAdvertiser.selector, id, bob));
        market.setDelivery(id, 0, 0x7f, 0xffffff);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.NotAdvertiser.selector, id, bob));
        market.updateCreative(id, "data:,new");
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.UnknownCampaign.selector, 99));
        market.updateCreative(99, "data:,new");
        vm.stopPrank();
        vm.warp(end);
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.CampaignEnded.selector, id, end));
        market.setDelivery(id, 0, 0x7f, 0xffffff);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.CampaignEnded.selector, id, end));
        market.updateCreative(id, "data:,new");
        vm.stopPrank();
    }

    function test_updateCreative_emitsAndRejectsEmpty() public {
        uint256 id = _create(alice, _targets(1));
        vm.expectEmit(address(market));
        emit IAdMarket.CreativeUpdated(id, "data:,second");
        vm.prank(alice);
        market.updateCreative(id, "data:,second");
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.EmptyCreative.selector, id));
        vm.prank(alice);
        market.updateCreative(id, "");
    }

    function testFuzz_updateCreative_onlyAdvertiserAndMovesNoMoney(address caller, string calldata uri)
        public
    {
        uint256 id = _create(alice, _targets(1));
        uint256 escrow = token.balanceOf(address(market));
        vm.prank(caller);
        if (caller != alice) {
            vm.expectRevert(abi.encodeWithSelector(IAdMarket.NotAdvertiser.selector, id, caller));
        } else if (bytes(uri).length == 0) {
            vm.expectRevert(abi.encodeWithSelector(IAdMarket.EmptyCreative.selector, id));
        } else {
            vm.expectEmit(address(market));
            emit IAdMarket.CreativeUpdated(id, uri);
        }
        market.updateCreative(id, uri);
        assertEq(token.balanceOf(address(market)), escrow);
        assertEq(market.getCampaign(id).budget, BUDGET);
    }

    function testFuzz_setDelivery_acceptsOnlyRunnableSchedules(
        uint256 daily,
        uint8 daysMask,
        uint24 hoursMask
    ) public {
        uint256 id = _create(alice, _targets(1));
        vm.prank(alice);
        if (daysMask == 0 || daysMask > 0x7f || hoursMask == 0) {
            vm.expectRevert(abi.encodeWithSelector(IAdMarket.InvalidDelivery.selector, id));
        } else if (daily != 0 && daily < CPC) {
            vm.expectRevert(abi.encodeWithSelector(IAdMarket.InvalidDelivery.selector, id));
        } else {
            vm.expectEmit(address(market));
            emit IAdMarket.CampaignDeliveryUpdated(id, daily, daysMask, hoursMask);
        }
        market.setDelivery(id, daily, daysMask, hoursMask);
    }

    // ------------------------------------------------------------------ withdraw

    function test_withdrawUnspent_afterEndAndCoveringEpoch() public {
        uint256 id = _create(alice, _targets(1));
        vm.warp(end);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.WithdrawTooEarly.selector, id, end, 0));
        vm.prank(alice);
        market.withdrawUnspent(id);

        vm.warp(end + 10);
        _post(1, id, 30e18, uint40(end - 1)); // cutoff before the end: clicks near the end may be missing
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.WithdrawTooEarly.selector, id, end, end - 1));
        vm.prank(alice);
        market.withdrawUnspent(id);

        _post(2, id, 40e18, uint40(end));
        uint256 before = token.balanceOf(alice);
        vm.expectEmit(address(market));
        emit IAdMarket.CampaignWithdrawn(id, alice, 60e18);
        vm.prank(alice);
        market.withdrawUnspent(id);
        assertEq(token.balanceOf(alice) - before, 60e18);
        assertEq(market.getCampaign(id).budget, 40e18);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.AlreadyWithdrawn.selector, id));
        vm.prank(alice);
        market.withdrawUnspent(id);
    }

    function test_withdrawUnspent_blocksLaterSpend() public {
        uint256 id = _create(alice, _targets(1));
        vm.warp(end + 1);
        _post(1, id, 10e18, end);
        vm.prank(alice);
        market.withdrawUnspent(id);
        uint256[] memory ids = _one(id);
        uint256[] memory spend = _oneAmount(11e18);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.CampaignClosed.selector, id));
        vm.prank(settler);
        market.postEpoch(2, keccak256("r"), 11e18, uint40(block.timestamp), bytes32(0), ids, spend);
    }

    // ------------------------------------------------------------------ settlement

    function test_postEpoch_settlesSpendAndActivates() public {
        uint256 id = _create(alice, _targets(1));
        vm.expectEmit(address(market));
        emit IAdMarket.CampaignSpendSettled(id, 1, 3e18, 0, 0);
        vm.expectEmit(address(market));
        emit IAdMarket.EpochPosted(
            1,
            keccak256("root"),
            3e18,
            uint40(block.timestamp),
            uint40(block.timestamp),
            0,
            keccak256("leaves")
        );
        vm.expectEmit(address(market));
        emit IAdMarket.EpochActivated(1, keccak256("root"));
        vm.prank(settler);
        market.postEpoch(
            1,
            keccak256("root"),
            3e18,
            uint40(block.timestamp),
            keccak256("leaves"),
            _one(id),
            _oneAmount(3e18)
        );
        assertEq(market.settledTotal(), 3e18);
        assertEq(market.activeRoot(), keccak256("root"));
        assertEq(market.lastEpochId(), 1);
        assertEq(market.getCampaign(id).spent, 3e18);
    }

    function test_postEpoch_revertCases() public {
        uint256 id = _create(alice, _targets(1));
        uint256[] memory ids = _one(id);
        uint40 nowTs = uint40(block.timestamp);
        vm.startPrank(settler);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.UnexpectedEpoch.selector, 2, 1));
        market.postEpoch(2, keccak256("r"), 1e18, nowTs, bytes32(0), ids, _oneAmount(1e18));
        vm.expectRevert(IAdMarket.ZeroRoot.selector);
        market.postEpoch(1, bytes32(0), 1e18, nowTs, bytes32(0), ids, _oneAmount(1e18));
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.InvalidCutoff.selector, nowTs + 1, 0));
        market.postEpoch(1, keccak256("r"), 1e18, nowTs + 1, bytes32(0), ids, _oneAmount(1e18));
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.TotalMismatch.selector, 2e18, 1e18));
        market.postEpoch(1, keccak256("r"), 2e18, nowTs, bytes32(0), ids, _oneAmount(1e18));
        vm.expectRevert(
            abi.encodeWithSelector(IAdMarket.CampaignBudgetExceeded.selector, id, BUDGET + 1, BUDGET)
        );
        market.postEpoch(1, keccak256("r"), BUDGET + 1, nowTs, bytes32(0), ids, _oneAmount(BUDGET + 1));
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.UnknownCampaign.selector, 7));
        market.postEpoch(1, keccak256("r"), 1e18, nowTs, bytes32(0), _one(7), _oneAmount(1e18));
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.LengthMismatch.selector, 1, 0));
        market.postEpoch(1, keccak256("r"), 0, nowTs, bytes32(0), ids, new uint256[](0));
        market.postEpoch(1, keccak256("r"), 5e18, nowTs, bytes32(0), ids, _oneAmount(5e18));
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.SpendDecreased.selector, id, 5e18, 4e18));
        market.postEpoch(2, keccak256("r2"), 4e18, nowTs, bytes32(0), ids, _oneAmount(4e18));
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.InvalidCutoff.selector, nowTs - 1, nowTs));
        market.postEpoch(2, keccak256("r2"), 5e18, nowTs - 1, bytes32(0), ids, _oneAmount(5e18));
        vm.stopPrank();

        bytes32 role = market.SETTLER_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, bob, role)
        );
        vm.prank(bob);
        market.postEpoch(2, keccak256("r"), 5e18, nowTs, bytes32(0), ids, _oneAmount(5e18));
    }

    function test_settleSpend_chunksCountOnceAndResendIsHarmless() public {
        uint256 a = _create(alice, _targets(1));
        uint256 b = _create(bob, _targets(1));
        vm.startPrank(settler);
        market.settleSpend(1, _one(a), _oneAmount(7e18));
        market.settleSpend(1, _one(a), _oneAmount(7e18)); // a retried chunk adds nothing
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.TotalMismatch.selector, 14e18, 10e18));
        market.postEpoch(
            1, keccak256("r"), 14e18, uint40(block.timestamp), bytes32(0), _one(b), _oneAmount(3e18)
        );
        market.postEpoch(
            1, keccak256("r"), 10e18, uint40(block.timestamp), bytes32(0), _one(b), _oneAmount(3e18)
        );
        vm.stopPrank();
        assertEq(market.settledTotal(), 10e18);
    }

    function testFuzz_postEpoch_totalGrowsByExactSpend(uint128 s1, uint128 s2) public {
        uint256 id = _create(alice, _targets(1));
        s1 = uint128(bound(s1, 0, BUDGET));
        s2 = uint128(bound(s2, s1, BUDGET));
        _post(1, id, s1, uint40(block.timestamp));
        _post(2, id, s2, uint40(block.timestamp));
        assertEq(market.settledTotal(), s2);
        assertEq(market.getCampaign(id).spent, s2);
    }

    // ------------------------------------------------------------------ claims (fixture from @openzeppelin/merkle-tree)

    function test_claim_everyLeafOfLibraryTree() public {
        (bytes32 root, uint256 total, address[] memory accounts, uint256[] memory amounts) = _postFixture();
        assertEq(market.activeRoot(), root);
        uint256 paid;
        for (uint256 i; i < accounts.length; ++i) {
            vm.expectEmit(address(market));
            emit IAdMarket.Claimed(accounts[i], amounts[i], amounts[i]);
            market.claim(accounts[i], amounts[i], _proof(i));
            assertEq(token.balanceOf(accounts[i]), amounts[i]);
            paid += amounts[i];
        }
        assertEq(paid, total);
    }

    function test_claim_rejectsWrongAmountProofAndRepeat() public {
        (,, address[] memory accounts, uint256[] memory amounts) = _postFixture();
        bytes32[] memory proof = _proof(0);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.InvalidProof.selector, accounts[0], amounts[0] + 1));
        market.claim(accounts[0], amounts[0] + 1, proof);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.InvalidProof.selector, accounts[1], amounts[1]));
        market.claim(accounts[1], amounts[1], proof);
        market.claim(accounts[0], amounts[0], proof);
        vm.expectRevert(
            abi.encodeWithSelector(IAdMarket.NothingToClaim.selector, accounts[0], amounts[0], amounts[0])
        );
        market.claim(accounts[0], amounts[0], proof);
    }

    function test_claim_secondEpochPaysOnlyDifference() public {
        uint256 id = _create(alice, _targets(1));
        // Two-leaf trees: leaf hashes sorted, proof of one leaf is the other leaf.
        bytes32 b1 = _leaf(bob, 3e18);
        bytes32 c1 = _leaf(carol, 2e18);
        vm.prank(settler);
        market.postEpoch(
            1, _hashPair(b1, c1), 5e18, uint40(block.timestamp), bytes32(0), _one(id), _oneAmount(5e18)
        );
        market.claim(bob, 3e18, _single(c1));
        bytes32 b2 = _leaf(bob, 7e18);
        vm.prank(settler);
        market.postEpoch(
            2, _hashPair(b2, c1), 9e18, uint40(block.timestamp), bytes32(0), _one(id), _oneAmount(9e18)
        );
        uint256 before = token.balanceOf(bob);
        vm.expectEmit(address(market));
        emit IAdMarket.Claimed(bob, 4e18, 7e18);
        market.claim(bob, 7e18, _single(c1));
        assertEq(token.balanceOf(bob) - before, 4e18);
    }

    function test_claimBatch_paysAllAndChecksLengths() public {
        (,, address[] memory accounts, uint256[] memory amounts) = _postFixture();
        bytes32[][] memory proofs = new bytes32[][](3);
        address[] memory a = new address[](3);
        uint256[] memory m = new uint256[](3);
        for (uint256 i; i < 3; ++i) {
            proofs[i] = _proof(i);
            a[i] = accounts[i];
            m[i] = amounts[i];
        }
        market.claimBatch(a, m, proofs);
        for (uint256 i; i < 3; ++i) {
            assertEq(market.claimed(a[i]), m[i]);
        }
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.LengthMismatch.selector, 3, 2));
        market.claimBatch(a, new uint256[](2), proofs);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.LengthMismatch.selector, 3, 1));
        market.claimBatch(a, m, new bytes32[][](1));
    }

    // ------------------------------------------------------------------ admin

    function test_setSplit_boundsAndEvent() public {
        vm.startPrank(admin);
        vm.expectEmit(address(market));
        emit IAdMarket.SplitUpdated(5000, 3000, 2000);
        market.setSplit(5000, 3000, 2000);
        (uint16 v, uint16 o, uint16 p) = market.split();
        assertEq(v, 5000);
        assertEq(o, 3000);
        assertEq(p, 2000);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.InvalidSplit.selector, 3999, 4001, 2000));
        market.setSplit(3999, 4001, 2000);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.InvalidSplit.selector, 5000, 2999, 2001));
        market.setSplit(5000, 2999, 2001);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.InvalidSplit.selector, 6000, 3000, 999));
        market.setSplit(6000, 3000, 999);
        vm.stopPrank();
    }

    function testFuzz_setSplit_acceptsOnlyValid(uint16 v, uint16 o, uint16 p) public {
        bool ok = uint256(v) + o + p == 10_000 && v >= 4000 && p <= 2000;
        if (!ok) vm.expectRevert(abi.encodeWithSelector(IAdMarket.InvalidSplit.selector, v, o, p));
        vm.prank(admin);
        market.setSplit(v, o, p);
    }

    function test_admin_settersAndBounds() public {
        vm.startPrank(admin);
        vm.expectEmit(address(market));
        emit IAdMarket.MinCpcUpdated(2e18);
        market.setMinCpc(2e18);
        assertEq(market.minCpc(), 2e18);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.ChallengePeriodTooLong.selector, 8 days, 7 days));
        market.setChallengePeriod(8 days);
        vm.expectEmit(address(market));
        emit IAdMarket.TreasuryUpdated(carol);
        market.setTreasury(carol);
        vm.expectRevert(IAdMarket.ZeroAddress.selector);
        market.setTreasury(address(0));
        vm.stopPrank();
        bytes32 role = market.DEFAULT_ADMIN_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, bob, role)
        );
        vm.prank(bob);
        market.setMinCpc(0);
    }

    function test_constructor_rejectsZeroAndLongPeriod() public {
        vm.expectRevert(IAdMarket.ZeroAddress.selector);
        new AdMarket(token, admin, treasury, address(0), guardian, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.ChallengePeriodTooLong.selector, 8 days, 7 days));
        new AdMarket(token, admin, treasury, settler, guardian, 0, 8 days);
    }

    // ------------------------------------------------------------------ settlement edge cases

    function test_postEpoch_zeroLengthEpochMovesNoMoney() public {
        uint256 id = _create(alice, _targets(1));
        uint40 cutoff = uint40(block.timestamp);
        _postEpoch(1, keccak256("r1"), 4e18, id, 4e18);
        uint256 escrow = token.balanceOf(address(market));
        vm.startPrank(settler);
        // Same cutoff, no campaign: allowed, and the total may not move.
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.TotalMismatch.selector, 4e18 + 1, 4e18));
        market.postEpoch(2, keccak256("r2"), 4e18 + 1, cutoff, bytes32(0), new uint256[](0), new uint256[](0));
        market.postEpoch(2, keccak256("r2"), 4e18, cutoff, bytes32(0), new uint256[](0), new uint256[](0));
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.InvalidCutoff.selector, cutoff - 1, cutoff));
        market.postEpoch(3, keccak256("r3"), 4e18, cutoff - 1, bytes32(0), new uint256[](0), new uint256[](0));
        vm.stopPrank();
        assertEq(market.lastEpochId(), 2);
        assertEq(market.lastCutoff(), cutoff);
        assertEq(market.settledTotal(), 4e18);
        assertEq(market.getCampaign(id).spent, 4e18);
        assertEq(token.balanceOf(address(market)), escrow);
    }

    function test_campaignEndedMidEpoch_paysClicksBeforeEndThenRefundsTheRest() public {
        uint256 id = _create(alice, _targets(1));
        vm.warp(block.timestamp + 1 hours);
        _postEpoch(1, keccak256("r1"), 10e18, id, 10e18);
        uint40 cutoff1 = uint40(block.timestamp);
        vm.warp(block.timestamp + 30 minutes);
        vm.prank(alice);
        market.endCampaign(id); // mid-epoch
        uint40 endedAt = uint40(block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.WithdrawTooEarly.selector, id, endedAt, cutoff1));
        vm.prank(alice);
        market.withdrawUnspent(id);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.CampaignEnded.selector, id, endedAt));
        vm.prank(alice);
        market.topUp(id, 1e18);
        // The next epoch settles clicks made between the first cutoff and the end.
        vm.warp(block.timestamp + 30 minutes);
        _postEpoch(2, keccak256("r2"), 25e18, id, 25e18);
        uint256 before = token.balanceOf(alice);
        vm.prank(alice);
        market.withdrawUnspent(id);
        assertEq(token.balanceOf(alice) - before, BUDGET - 25e18);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.CampaignClosed.selector, id));
        vm.prank(settler);
        market.postEpoch(
            3, keccak256("r3"), 26e18, uint40(block.timestamp), bytes32(0), _one(id), _oneAmount(26e18)
        );
    }

    function testFuzz_claim_forAnotherAccountPaysThatAccountOnly(address caller) public {
        vm.assume(caller != alice && caller != address(market) && caller != address(0));
        uint256 id = _create(carol, _targets(1));
        _postEpoch(1, _hashPair(_leaf(alice, 2e18), _leaf(bob, 1e18)), 3e18, id, 3e18);
        uint256 aliceBefore = token.balanceOf(alice);
        uint256 callerBefore = token.balanceOf(caller);
        vm.prank(caller);
        market.claim(alice, 2e18, _single(_leaf(bob, 1e18)));
        assertEq(token.balanceOf(alice) - aliceBefore, 2e18);
        assertEq(token.balanceOf(caller), callerBefore);
        assertEq(market.claimed(alice), 2e18);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.NothingToClaim.selector, alice, 2e18, 2e18));
        vm.prank(alice);
        market.claim(alice, 2e18, _single(_leaf(bob, 1e18)));
        // Alice's leaf proves nothing for the caller's own address.
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.InvalidProof.selector, caller, 2e18));
        vm.prank(caller);
        market.claim(caller, 2e18, _single(_leaf(bob, 1e18)));
    }

    /// @dev A root that moves earnings from an account that already claimed to another one cannot
    /// make claims exceed the settled total: other advertisers' unspent budgets stay withdrawable.
    function test_claim_rootMovingEarningsCannotDrainOtherEscrow() public {
        uint256 id = _create(carol, _targets(1));
        uint256 other = _create(bob, _targets(1));
        _postEpoch(1, _hashPair(_leaf(alice, 2e18), _leaf(bob, 1e18)), 3e18, id, 3e18);
        market.claim(alice, 2e18, _single(_leaf(bob, 1e18)));
        // Epoch 2 (no new spend) reassigns: alice 1, bob 2. Bob may take his 2, but only 1 is left.
        _postEpoch(2, _hashPair(_leaf(alice, 1e18), _leaf(bob, 2e18)), 3e18, id, 3e18);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.ClaimsExceedSettled.selector, bob, 4e18, 3e18));
        market.claim(bob, 2e18, _single(_leaf(alice, 1e18)));
        assertEq(market.totalClaimed(), 2e18);
        vm.warp(end + 1);
        _postEpoch(3, _hashPair(_leaf(alice, 1e18), _leaf(bob, 2e18)), 3e18, id, 3e18);
        uint256 before = token.balanceOf(bob);
        vm.prank(bob);
        market.withdrawUnspent(other);
        assertEq(token.balanceOf(bob) - before, BUDGET);
    }

    // ------------------------------------------------------------------ helpers

    function _post(uint256 epochId, uint256 id, uint256 cumulative, uint40 cutoff)
        internal
        returns (bytes32 root)
    {
        root = keccak256(abi.encode(epochId));
        uint256 total = market.settledTotal() + cumulative - market.getCampaign(id).spent;
        vm.prank(settler);
        market.postEpoch(epochId, root, total, cutoff, bytes32(0), _one(id), _oneAmount(cumulative));
    }

    /// @dev Posts `root` with `total`, settling campaign `id` at `cumulative`, cut at the current time.
    function _postEpoch(uint256 epochId, bytes32 root, uint256 total, uint256 id, uint256 cumulative)
        internal
    {
        vm.prank(settler);
        market.postEpoch(
            epochId, root, total, uint40(block.timestamp), bytes32(0), _one(id), _oneAmount(cumulative)
        );
    }

    function _isValidTarget(uint64 target) internal view returns (bool) {
        // Plots.isValidCell covers res 7 only; for other resolutions compare with the library directly.
        return H3Probe.isValidUpTo7(target) && address(this) != address(0);
    }
}

import {H3} from "../src/libraries/H3.sol";

library H3Probe {
    function isValidUpTo7(uint64 h) internal pure returns (bool) {
        return H3.isValidCell(h, 7);
    }
}
